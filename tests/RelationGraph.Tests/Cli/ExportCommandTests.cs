using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Storage.Neo4j.Export;
using RelationGraph.Tests.Api;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

public sealed class ExportCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("cypher", "MERGE")]
    [InlineData("graphml", "<graphml")]
    public async Task RunAsync_SeededStore_WritesTheGraphInTheFormat(string format, string marker)
    {
        using var work = new TempFolder("work");
        var database = Path.Combine(work.Path, "graph.db");
        using var host = CliRun.Host(database);
        await IngestCommand.RunAsync([RepoPaths.Seeds], null, host.Services, TextWriter.Null, TextWriter.Null, false, Ct);
        var output = Path.Combine(work.Path, "graph." + format);

        var exit = await ExportCommand.RunAsync(format, output, host.Services, TextWriter.Null, TextWriter.Null, Ct);

        Assert.Equal(ExitCodes.Ok, exit);
        var text = await File.ReadAllTextAsync(output, Ct);
        Assert.Contains(marker, text, StringComparison.Ordinal);
        Assert.Contains("Vladimir Putin", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Csv_WritesEveryImportFile()
    {
        using var work = new TempFolder("work");
        using var host = CliRun.Host(Path.Combine(work.Path, "graph.db"));
        await IngestCommand.RunAsync([RepoPaths.Seeds], null, host.Services, TextWriter.Null, TextWriter.Null, false, Ct);
        var folder = Path.Combine(work.Path, "import");

        var exit = await ExportCommand.RunAsync("csv", folder, host.Services, TextWriter.Null, TextWriter.Null, Ct);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.All(Neo4jCsvExporter.NodeFiles.Concat(Neo4jCsvExporter.RelationshipFiles),
            file => Assert.True(new FileInfo(Path.Combine(folder, file)).Length > 0, file));
    }
}
