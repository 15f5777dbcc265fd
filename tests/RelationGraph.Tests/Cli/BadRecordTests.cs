using System.Text.Json;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

/// <summary>A record no store can hold (a lone surrogate, a NUL, an over-long id) fails alone; the job goes on.</summary>
public sealed class BadRecordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Story = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.";

    [Fact]
    public async Task Ingest_FeedWithALoneSurrogateANulAndAHugeId_ReportsEachAloneAndStoresTheRest()
    {
        using var work = new TempFolder("work");
        using var corpus = new TempFolder("corpus");
        corpus.Write("feed.jsonl",
            $"{{\"id\":\"1\",\"text\":\"{Story}\"}}\n" +
            $"{{\"id\":\"2\",\"text\":\"{Story} \\ud800\"}}\n" +
            $"{{\"id\":\"3\",\"text\":\"{Story}\\u0000\"}}\n" +
            $"{{\"id\":\"{new string('x', 100_000)}\",\"text\":\"{Story}\"}}\n" +
            $"{{\"id\":\"5\",\"title\":\"\\udc00\",\"text\":\"{Story}\"}}\n" +
            $"{{\"id\":\"6\",\"text\":\"Another line. {Story}\"}}\n");
        var report = Path.Combine(work.Path, "report.json");
        var database = Path.Combine(work.Path, "graph.db");
        using var host = CliRun.Host(database);

        var exit = await IngestCommand.RunAsync([corpus.Path], report, host.Services, TextWriter.Null, TextWriter.Null, terminal: false, Ct);

        Assert.Equal(ExitCodes.Failed, exit);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, Ct));
        var outcomes = json.RootElement.GetProperty("documents").EnumerateArray()
            .ToDictionary(d => d.GetProperty("source").GetString()!.Split('#')[^1], d => (d.GetProperty("status").GetString(), d.TryGetProperty("errorCode", out var code) ? code.GetString() : null));
        Assert.Equal(("ingested", null), outcomes["L1"]);
        Assert.Equal(("failed", "invalid-text"), outcomes["L2"]);
        Assert.Equal(("failed", "invalid-text"), outcomes["L3"]);
        Assert.Equal(("failed", "malformed-json"), outcomes["L4"]);
        Assert.Equal(("failed", "invalid-text"), outcomes["L5"]);
        Assert.Equal(("ingested", null), outcomes["L6"]);
    }
}
