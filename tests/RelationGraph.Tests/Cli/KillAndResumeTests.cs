using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Storage;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

/// <summary>
/// The resumability guarantee, tested on the real executable: a job killed mid-run (SIGKILL of the whole
/// process tree, no chance to clean up) and run again ends with exactly the graph a clean run builds.
/// </summary>
public sealed class KillAndResumeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingest_KilledMidRunThenRerun_EqualsACleanRunFactByFact()
    {
        using var work = new TempFolder("work");
        var corpus = Path.Combine(work.Path, "corpus");
        var total = WriteCorpus(corpus, 600);
        var cleanDb = Path.Combine(work.Path, "clean.db");
        var killedDb = Path.Combine(work.Path, "killed.db");
        using (var host = CliRun.Host(cleanDb))
        {
            Assert.Equal(ExitCodes.Ok, await IngestCommand.RunAsync([corpus], null, host.Services, TextWriter.Null, TextWriter.Null, terminal: false, Ct));
        }

        var committedAtKill = await KillMidRunAsync(work.Path, killedDb, total);
        using var rerun = CliRun.Start(work.Path, "ingest", corpus, "--db", killedDb, "--report", Path.Combine(work.Path, "rerun.json"));
        var rerunOut = rerun.StandardOutput.ReadToEndAsync(Ct);
        var rerunErr = rerun.StandardError.ReadToEndAsync(Ct);
        await rerun.WaitForExitAsync(Ct);

        Assert.True(rerun.ExitCode == ExitCodes.Ok, $"re-run exit {rerun.ExitCode}: {await rerunErr}");
        Assert.InRange(committedAtKill, 1, total - 1);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{total} documents"), await rerunOut, StringComparison.Ordinal);
        // both jobs were bulk loads (600 documents into an empty store): the clean one built its indexes at its end, the
        // killed one's store when the re-run opened it
        Assert.Equal(8, IndexCount(cleanDb));
        Assert.Equal(8, IndexCount(killedDb));
        GraphSnapshot.AssertEqual(await CliRun.SnapshotAsync(cleanDb), await CliRun.SnapshotAsync(killedDb));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Ingest_InterruptedBySignal_StopsAfterItsBatchAndSaysSo(string signal)
    {
        using var work = new TempFolder("work");
        var corpus = Path.Combine(work.Path, "corpus");
        var total = WriteCorpus(corpus, 600);
        var database = Path.Combine(work.Path, "graph.db");
        using var job = CliRun.Start(work.Path, "ingest", corpus, "--db", database, "--batch-size", "4", "--report", Path.Combine(work.Path, "report.json"));
        var stdout = job.StandardOutput.ReadToEndAsync(Ct);
        _ = job.StandardError.ReadToEndAsync(Ct);
        await WaitForDocumentsAsync(job, database, 20);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, job.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(Ct);
        }

        await job.WaitForExitAsync(Ct);
        Assert.Equal(ExitCodes.Cancelled, job.ExitCode);
        Assert.StartsWith("Stopped early", await stdout, StringComparison.Ordinal);
        using var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work.Path, "report.json"), Ct));
        Assert.True(report.RootElement.GetProperty("cancelled").GetBoolean());
        var reported = report.RootElement.GetProperty("totals").GetProperty("documents").GetProperty("ingested").GetInt32();
        using var host = CliRun.Host(database);
        var stored = (await host.Services.GetRequiredService<IGraphStore>().CountAsync(Ct)).Documents;
        Assert.Equal(reported, stored);
        Assert.InRange(stored, 1, total - 1);
    }

    private static async Task WaitForDocumentsAsync(System.Diagnostics.Process job, string database, int documents)
    {
        using var host = CliRun.Host(database);
        var store = host.Services.GetRequiredService<IGraphStore>();
        while (!job.HasExited)
        {
            try
            {
                if ((await store.CountAsync(Ct)).Documents >= documents)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // the job has not created the schema yet
            }

            await Task.Delay(10, Ct);
        }

        Assert.Fail("the job finished before it could be interrupted");
    }

    /// <summary>Starts the job with small batches, kills it once the store holds some but not all documents; returns how many it held.</summary>
    private static async Task<long> KillMidRunAsync(string workingDirectory, string database, int total)
    {
        using var job = CliRun.Start(workingDirectory, "ingest", Path.Combine(workingDirectory, "corpus"), "--db", database, "--batch-size", "4");
        _ = job.StandardOutput.ReadToEndAsync(Ct);
        _ = job.StandardError.ReadToEndAsync(Ct);
        using var host = CliRun.Host(database);
        var store = host.Services.GetRequiredService<IGraphStore>();
        long committed = 0;
        while (!job.HasExited)
        {
            try
            {
                committed = (await store.CountAsync(Ct)).Documents;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                committed = 0; // the job has not created the schema yet
            }

            if (committed >= 20)
            {
                job.Kill(entireProcessTree: true);
                break;
            }

            await Task.Delay(10, Ct);
        }

        await job.WaitForExitAsync(Ct);
        return (await store.CountAsync(Ct)).Documents;
    }

    /// <summary>Short news-like documents that share people and organisations, so documents support common facts.</summary>
    private static int WriteCorpus(string folder, int count)
    {
        string[] first = ["Alva", "Bruno", "Cora", "Dario", "Edda", "Fabian", "Gisela", "Henrik", "Ilse", "Jarek"];
        string[] last = ["Morrow", "Quist", "Ravel", "Stroud", "Tennant", "Ullman", "Voss", "Wexford", "Yarrow", "Zeller"];
        string[] orgs = ["Brightwater Holdings", "Calder Systems", "Dunmore Energy", "Everline Capital", "Foxglove Aerospace"];
        string[] agencies = ["Ministry of Transport", "Federal Procurement Office", "Coastal Defence Agency"];
        var random = new Random(7);
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            for (var s = 0; s < 4; s++)
            {
                var person = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}";
                var other = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}";
                var org = orgs[random.Next(orgs.Length)];
                var agency = agencies[random.Next(agencies.Length)];
                text.Append(random.Next(3) switch
                {
                    0 => $"{person}, chief executive of {org}, said the deal was signed [{s + 1}]. ",
                    1 => $"{org} won a ${random.Next(5, 500)} million contract from the {agency} in {2010 + random.Next(15)} [{s + 1}]. ",
                    _ => $"{person} met {other} to discuss {org} [{s + 1}]. ",
                });
            }

            File.WriteAllText(Path.Combine(folder, $"doc-{i:D5}.txt"), text.ToString());
        }

        return count;
    }

    private static int IndexCount(string databasePath) =>
        Storage.Sqlite.SqliteFile.Strings(databasePath, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'ix_%';").Count;
}
