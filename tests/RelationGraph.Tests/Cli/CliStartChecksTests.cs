using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Tests.Api;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

/// <summary>What commands check before they work: a store to read exists, an output can be written; and path's filters.</summary>
public sealed class CliStartChecksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadCommands_DbThatDoesNotExist_ExitThreeWithoutCreatingIt()
    {
        using var work = new TempFolder("work");
        var database = Path.Combine(work.Path, "typo", "graph.db");
        using var host = CliRun.Host(database);
        var stderr = new StringWriter();

        var path = await PathCommand.RunAsync(new("Elon Musk", "Vladimir Putin", 4, 3, PathMode.Shortest), json: false, host.Services, TextWriter.Null, stderr, Ct);
        var export = await ExportCommand.RunAsync("graphml", null, host.Services, TextWriter.Null, stderr, Ct);
        var remove = await RemoveCommand.RunAsync(["doc_0000000000000000"], host.Services, TextWriter.Null, stderr, Ct);

        Assert.Equal([ExitCodes.StoreUnavailable, ExitCodes.StoreUnavailable, ExitCodes.StoreUnavailable], [path, export, remove]);
        Assert.Contains("no store at", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database)));
    }

    [Fact]
    public async Task Ingest_UnwritableReport_FailsAtStartBeforeAnyWork()
    {
        using var work = new TempFolder("work");
        var blocker = Path.Combine(work.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder", Ct);
        var database = Path.Combine(work.Path, "graph.db");
        using var host = CliRun.Host(database);
        var stderr = new StringWriter();

        var exit = await IngestCommand.RunAsync([RepoPaths.Seeds], Path.Combine(blocker, "report.json"), host.Services, TextWriter.Null, stderr, terminal: false, Ct);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--report", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task Ingest_ReportUnwritableOnlyAfterTheJob_PrintsTheSummaryAndSaysWhyTheReportIsMissing()
    {
        using var work = new TempFolder("work");
        var reports = Path.Combine(work.Path, "reports");
        using var host = CliRun.Host(Path.Combine(work.Path, "graph.db"));
        var stderr = new StringWriter();
        // the job has run when the summary is printed: then the report's folder turns into a file
        using var stdout = new BeforeFirstLine(() =>
        {
            if (Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }

            File.WriteAllText(reports, "not a folder");
        });

        var exit = await IngestCommand.RunAsync([RepoPaths.SeedFile], Path.Combine(reports, "report.json"), host.Services, stdout, stderr, terminal: false, Ct);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.StartsWith("Done", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("the report could not be written", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, (await host.Services.GetRequiredService<IGraphStore>().CountAsync(Ct)).Documents);
    }

    /// <summary>Captures what is written, and runs an action just before the first line.</summary>
    private sealed class BeforeFirstLine(Action action) : StringWriter(CultureInfo.InvariantCulture)
    {
        private Action? _action = action;

        public override Task WriteLineAsync(string? value)
        {
            Interlocked.Exchange(ref _action, null)?.Invoke();
            return base.WriteLineAsync(value);
        }
    }

    [Fact]
    public async Task ExportAndExtract_UnwritableOut_FailAtStart()
    {
        using var work = new TempFolder("work");
        var blocker = Path.Combine(work.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder", Ct);
        using var host = CliRun.Host(Path.Combine(work.Path, "graph.db"));
        var stderr = new StringWriter();

        var export = await ExportCommand.RunAsync("cypher", Path.Combine(blocker, "graph.cypher"), host.Services, TextWriter.Null, stderr, Ct);
        var extract = await ExtractCommand.RunAsync(RepoPaths.SeedFile, Path.Combine(blocker, "seed.json"), host.Services, () => Stream.Null, stderr, Ct);

        Assert.Equal(ExitCodes.Usage, export);
        Assert.Equal(ExitCodes.Usage, extract);
        Assert.Contains("--out", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_FiltersOfTheApi_NarrowTheAnswerAndBadNamesAreUsageErrors()
    {
        using var work = new TempFolder("work");
        var database = Path.Combine(work.Path, "graph.db");
        using var host = CliRun.Host(database);
        Assert.Equal(ExitCodes.Ok, await IngestCommand.RunAsync([RepoPaths.Seeds], null, host.Services, TextWriter.Null, TextWriter.Null, false, Ct));
        var open = new StringWriter();
        var filtered = new StringWriter();

        await PathCommand.RunAsync(new("Elon Musk", "Vladimir Putin", 4, 3, PathMode.Shortest), json: false, host.Services, open, TextWriter.Null, Ct);
        var exit = await PathCommand.RunAsync(new("Elon Musk", "Vladimir Putin", 4, 3, PathMode.Shortest) { Filter = new PathFilter { MinDocs = 2 } },
            json: false, host.Services, filtered, TextWriter.Null, Ct);
        var error = PathCommand.ParseFilter("EMPLOYED_BY,NOT_A_TYPE", null, out _, out _);

        Assert.StartsWith("Path 1", open.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("No path between Elon Musk and Vladimir Putin", filtered.ToString(), StringComparison.Ordinal);
        Assert.Contains("NOT_A_TYPE", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, await RelationGraph.Cli.Program.Main(["path", "a", "b", "--db", database, "--types", "NOPE"]));
    }
}
