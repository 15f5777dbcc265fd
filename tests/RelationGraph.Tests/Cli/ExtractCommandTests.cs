using System.Text.Json;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Tests.Api;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

public sealed class ExtractCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Seed_WritesScorerJsonWhoseSpansMatchTheText()
    {
        using var work = new TempFolder("work");
        using var host = CliRun.Host(Path.Combine(work.Path, "unused.db"));
        var output = Path.Combine(work.Path, "out", "seed.json");

        var exit = await ExtractCommand.RunAsync(RepoPaths.SeedFile, output, host.Services, () => Stream.Null, TextWriter.Null, Ct);

        Assert.Equal(ExitCodes.Ok, exit);
        var text = (await File.ReadAllTextAsync(RepoPaths.SeedFile, Ct)).TrimStart('\uFEFF');
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output, Ct));
        var entities = json.RootElement.GetProperty("entities").EnumerateArray().ToList();
        var relations = json.RootElement.GetProperty("relations").EnumerateArray().ToList();
        Assert.Contains(entities, e => e.GetProperty("name").GetString() == "Vladimir Putin" && e.GetProperty("type").GetString() == "Person");
        Assert.NotEmpty(relations);
        foreach (var span in relations.SelectMany(r => r.GetProperty("evidence").EnumerateArray()))
        {
            Assert.Equal(span.GetProperty("text").GetString(), ApiAssert.CodePointSlice(text, span.GetProperty("start").GetInt32(), span.GetProperty("end").GetInt32()));
        }

        Assert.False(File.Exists(Path.Combine(work.Path, "unused.db")));
    }

    [Fact]
    public async Task RunAsync_UnreadableDocument_ExitsOneWithTheReason()
    {
        using var work = new TempFolder("work");
        var binary = work.Write("blob.txt", [0x00, 0x01, 0x02, 0xFF]);
        using var host = CliRun.Host(Path.Combine(work.Path, "unused.db"));
        var stderr = new StringWriter();

        var exit = await ExtractCommand.RunAsync(binary, null, host.Services, () => Stream.Null, stderr, Ct);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("blob.txt", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingFile_IsAUsageError()
    {
        using var work = new TempFolder("work");
        using var host = CliRun.Host(Path.Combine(work.Path, "unused.db"));

        var exit = await ExtractCommand.RunAsync(Path.Combine(work.Path, "nope.txt"), null, host.Services, () => Stream.Null, TextWriter.Null, Ct);

        Assert.Equal(ExitCodes.Usage, exit);
    }
}
