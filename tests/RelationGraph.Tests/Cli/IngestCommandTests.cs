using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Storage;
using RelationGraph.Tests.Api;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

public sealed class IngestCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Exit, string Stdout, string Stderr)> IngestAsync(string database, string? report, params string[] paths)
    {
        using var host = CliRun.Host(database);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await IngestCommand.RunAsync(paths, report, host.Services, stdout, stderr, terminal: false, Ct);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task RunAsync_SeedTwice_SecondRunChangesNothing()
    {
        using var work = new TempFolder("work");
        var database = Path.Combine(work.Path, "graph.db");
        var first = await IngestAsync(database, null, RepoPaths.Seeds);
        var before = await CliRun.SnapshotAsync(database);

        var second = await IngestAsync(database, Path.Combine(work.Path, "report.json"), RepoPaths.Seeds);

        Assert.Equal(ExitCodes.Ok, first.Exit);
        Assert.Equal(ExitCodes.Ok, second.Exit);
        Assert.NotEmpty(before.Facts);
        Assert.NotEmpty(before.Evidence);
        GraphSnapshot.AssertEqual(before, await CliRun.SnapshotAsync(database));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work.Path, "report.json"), Ct));
        var totals = report.RootElement.GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("documents").GetProperty("unchanged").GetInt32());
        Assert.Equal(0, totals.GetProperty("evidence").GetProperty("added").GetInt32());
        Assert.Equal("unchanged", report.RootElement.GetProperty("documents")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunAsync_CorpusWithBadFiles_ReportsEachAndExitsWithOne()
    {
        using var work = new TempFolder("work");
        using var corpus = new TempFolder("corpus");
        var story = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.";
        corpus.Write("good.txt", story);
        corpus.Write("good.md", "# Heading\n\n" + story);
        corpus.Write("good.html", $"<html><head><title>News</title></head><body><article><p>{story}</p></article></body></html>");
        corpus.Write("empty.txt", "");
        corpus.Write("binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00]);
        corpus.Write("latin1.txt", [0x43, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72]);
        corpus.Write("fake.pdf", "this is not a pdf at all");
        corpus.Write("feed.jsonl", $"{{\"id\":\"1\",\"text\":\"{story}\"}}\n{{not json\n{{\"id\":\"3\"}}\n");
        var report = Path.Combine(work.Path, "report.json");

        var (exit, stdout, _) = await IngestAsync(Path.Combine(work.Path, "graph.db"), report, corpus.Path);

        Assert.Equal(ExitCodes.Failed, exit);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, Ct));
        var outcomes = json.RootElement.GetProperty("documents").EnumerateArray()
            .ToDictionary(d => d.GetProperty("source").GetString()!, d => d.GetProperty("status").GetString()!);
        Assert.Equal("ingested", outcomes["corpus/good.txt"]);
        Assert.Equal("ingested", outcomes["corpus/good.md"]);
        Assert.Equal("ingested", outcomes["corpus/good.html"]);
        Assert.Equal("ingested", outcomes["corpus/feed.jsonl#L1"]);
        foreach (var bad in new[] { "corpus/empty.txt", "corpus/binary.txt", "corpus/latin1.txt", "corpus/fake.pdf", "corpus/feed.jsonl#L2", "corpus/feed.jsonl#L3" })
        {
            Assert.Equal("failed", outcomes[bad]);
        }

        Assert.All(json.RootElement.GetProperty("documents").EnumerateArray().Where(d => d.GetProperty("status").GetString() == "failed"),
            d => Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("error").GetString())));
        Assert.Contains("6 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PipesDevicesDanglingLinksAndNonUtf8Names_FailAloneWithoutBlockingTheJob()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("named pipes are made with mkfifo, and /dev/null is a device, on Linux");
        }

        using var work = new TempFolder("work");
        using var corpus = new TempFolder("corpus");
        corpus.Write("good.txt", "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.");
        await MakeFifoAsync(Path.Combine(corpus.Path, "pipe.txt"));
        await MakeFifoAsync(Path.Combine(corpus.Path, "feed.jsonl"));
        File.CreateSymbolicLink(Path.Combine(corpus.Path, "moved.txt"), Path.Combine(corpus.Path, "nowhere.txt"));
        // a name that is not UTF-8 (byte 0xFF), which .NET lists with U+FFFD and then cannot open
        await RunAsync("sh", "-c", "printf 'Agnes Oduya met Tomas Brennholt.' > \"$0/bad$(printf '\\377').txt\"", corpus.Path);
        var report = Path.Combine(work.Path, "report.json");

        // before pipes were told apart, opening pipe.txt waited for a writer forever (on a thread of its own, so that fails here)
        var (exit, _, _) = await Task.Run(() => IngestAsync(Path.Combine(work.Path, "graph.db"), report, corpus.Path, "/dev/null"), Ct)
            .WaitAsync(TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(ExitCodes.Failed, exit);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, Ct));
        var outcomes = json.RootElement.GetProperty("documents").EnumerateArray().ToDictionary(
            d => d.GetProperty("source").GetString()!,
            d => (Status: d.GetProperty("status").GetString(), Code: d.TryGetProperty("errorCode", out var code) ? code.GetString() : null,
                Error: d.TryGetProperty("error", out var error) ? error.GetString() : null));
        Assert.Equal("ingested", outcomes["corpus/good.txt"].Status);
        Assert.Equal(("failed", "not-a-regular-file"), (outcomes["corpus/pipe.txt"].Status, outcomes["corpus/pipe.txt"].Code));
        Assert.StartsWith("a named pipe", outcomes["corpus/pipe.txt"].Error, StringComparison.Ordinal);
        Assert.Equal(("failed", "not-a-regular-file"), (outcomes["corpus/feed.jsonl"].Status, outcomes["corpus/feed.jsonl"].Code));
        Assert.Equal(("failed", "not-a-regular-file"), (outcomes["dev/null"].Status, outcomes["dev/null"].Code));
        Assert.StartsWith("a character device", outcomes["dev/null"].Error, StringComparison.Ordinal);
        Assert.Equal(("failed", "unreadable"), (outcomes["corpus/moved.txt"].Status, outcomes["corpus/moved.txt"].Code));
        Assert.Contains("is a link to", outcomes["corpus/moved.txt"].Error, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", outcomes["corpus/bad\uFFFD.txt"].Error, StringComparison.Ordinal);
    }

    private static Task MakeFifoAsync(string path) => RunAsync("mkfifo", path);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        await process.WaitForExitAsync(Ct);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task RunAsync_OneDocumentEdited_OnlyItsOwnEvidenceChanges()
    {
        using var work = new TempFolder("work");
        using var corpus = new TempFolder("corpus");
        File.Copy(RepoPaths.SeedFile, Path.Combine(corpus.Path, "seed.txt"));
        var other = corpus.Write("other.txt", "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo. Corvane Dynamics won a $40 million contract from the Ministry of Transport in 2024.");
        var database = Path.Combine(work.Path, "graph.db");
        await IngestAsync(database, null, corpus.Path);
        var before = await CliRun.SnapshotAsync(database);
        using (var host = CliRun.Host(database))
        {
            var seedId = RelationGraph.Core.Model.StableId.Document("corpus/seed.txt");
            Assert.NotNull(await host.Services.GetRequiredService<IGraphStore>().GetDocumentAsync(seedId, Ct));
        }

        await File.WriteAllTextAsync(other, "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.", Ct);
        var (exit, stdout, _) = await IngestAsync(database, null, corpus.Path);
        var after = await CliRun.SnapshotAsync(database);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("1 updated, 1 unchanged", stdout, StringComparison.Ordinal);
        var otherId = RelationGraph.Core.Model.StableId.Document("corpus/other.txt");
        Assert.Equal(before.Evidence.Where(e => !e.Contains(otherId, StringComparison.Ordinal)), after.Evidence.Where(e => !e.Contains(otherId, StringComparison.Ordinal)));
        Assert.Equal(before.Mentions.Where(e => !e.Contains(otherId, StringComparison.Ordinal)), after.Mentions.Where(e => !e.Contains(otherId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_StoreCannotBeOpened_ExitsThree()
    {
        using var work = new TempFolder("work");
        var notAFolder = work.Write("plain-file", "x");

        var (exit, _, stderr) = await IngestAsync(Path.Combine(notAFolder, "graph.db"), null, RepoPaths.Seeds);

        Assert.Equal(ExitCodes.StoreUnavailable, exit);
        Assert.Contains("store is unavailable", stderr, StringComparison.Ordinal);
    }
}
