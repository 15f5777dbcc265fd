using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Cli;
using CliProgram = RelationGraph.Cli.Program;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("ingest")]
    [InlineData("path", "Only One")]
    [InlineData("path", "A", "B", "--max-hops", "9")]
    [InlineData("path", "A", "B", "--k", "51")]
    [InlineData("path", "A", "B", "--mode", "sideways")]
    [InlineData("export", "--format", "yaml")]
    [InlineData("no-such-command")]
    public async Task Main_BadCommandLine_ExitsWithUsageError(params string[] args)
    {
        var exit = await CliProgram.Main(args);

        Assert.Equal(ExitCodes.Usage, exit);
    }

    [Theory]
    [InlineData("shortest")]
    [InlineData("k-shortest")]
    [InlineData("kshortest")]
    [InlineData("all")]
    [InlineData("all-simple")]
    [InlineData("AllSimple")]
    public void Parse_PathModeTheApiAccepts_IsAcceptedToo(string mode)
    {
        var parse = CliProgram.CreateRootCommand().Parse(["path", "A", "B", "--mode", mode]);

        Assert.Empty(parse.Errors);
    }

    [Fact]
    public async Task IngestRunAsync_PathThatNamesNothing_IsAUsageErrorBeforeTouchingTheStore()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var stderr = new StringWriter();

        var exit = await IngestCommand.RunAsync(["/no/such/folder-" + Guid.NewGuid().ToString("N")], null, services, TextWriter.Null, stderr, terminal: false, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("nothing at", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressDisplay_Redirected_WritesPlainLinesAtMostOncePerInterval()
    {
        var time = new FakeTimeProvider(TestData.Epoch);
        var output = new StringWriter();
        var display = new ProgressDisplay(output, terminal: false, time);

        display.Report(new IngestionProgress(1, 100, 0, TimeSpan.FromSeconds(1), 1_000));
        time.Advance(ProgressDisplay.PlainInterval);
        display.Report(new IngestionProgress(50, 100, 2, TimeSpan.FromSeconds(10), 1_048_576));
        display.Report(new IngestionProgress(51, 100, 2, TimeSpan.FromSeconds(10), 1_048_576));
        display.Report(new IngestionProgress(100, 100, 2, TimeSpan.FromSeconds(20), 2_097_152));
        display.Report(new IngestionProgress(100, 100, 2, TimeSpan.FromSeconds(20), 0, BuildingIndexes: true));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("progress: 50/100 documents, 5.0 docs/s, 0.10 MB/s, 2 failed ETA 00:00:10", lines[0]);
        Assert.StartsWith("progress: 100/100 documents", lines[1], StringComparison.Ordinal);
        // the job's last phase, however soon after: a long index build does not look like a hang
        Assert.Equal("progress: 100/100 documents, 2 failed; building the store's indexes (bulk load)…", lines[2]);
    }

    [Fact]
    public void ProgressDisplay_Terminal_RewritesOneLine()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, terminal: true, TimeProvider.System);

        display.Report(new IngestionProgress(1, 2, 0, TimeSpan.FromSeconds(1), 10));
        display.Report(new IngestionProgress(2, 2, 1, TimeSpan.FromSeconds(2), 20));
        display.Complete();

        var text = output.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("2/2 documents", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownStorageProvider_IsAConfigurationError()
    {
        var overrides = new Dictionary<string, string?> { ["Storage:Provider"] = "Cassandra" };

        var error = Assert.Throws<RelationGraph.Hosting.ConfigurationException>(() => RelationGraph.Cli.Hosting.CliHost.Build(null, overrides));

        Assert.Contains("Cassandra", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_IngestWithBatchSizeZero_IsAUsageError()
    {
        var exit = await CliProgram.Main(["ingest", RelationGraph.Tests.Api.RepoPaths.Seeds, "--batch-size", "0", "--db", Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid().ToString("N"), "g.db")]);

        Assert.Equal(ExitCodes.Usage, exit);
    }
}
