using System.Text.Json;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Model;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

/// <summary>A record no store can hold (a lone surrogate, a NUL, an over-long id) fails alone; the job goes on.</summary>
public sealed class BadRecordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // relgraph watch's summary of a pass: "Watch pass: 1 ingested, 0 updated, 0 unchanged, 1 failed"
    private const int WatchPass = 5002;

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

    [Fact]
    public async Task Watch_FeedWithALoneSurrogate_FailsThatRecordAloneAndKeepsWatching()
    {
        using var work = new TempFolder("work");
        using var inbox = new TempFolder("inbox");
        await using var watch = WatchSession.Start(inbox, Path.Combine(work.Path, "graph.db"), keepDeleted: false);

        inbox.Write("feed.jsonl", $"{{\"id\":\"r1\",\"text\":\"{Story}\"}}\n{{\"id\":\"r2\",\"text\":\"{Story} \\ud800\"}}\n");
        await watch.WaitUntilAsync(StableId.Document("inbox/feed.jsonl#r1"), present: true);
        await watch.WaitForEventAsync(WatchPass, "1 failed");
        inbox.Write("later.txt", "Tomas Brennholt, chairman of Halvorsen Shipping, met Marta Lindqvist in Bergen.");
        await watch.WaitUntilAsync(StableId.Document("inbox/later.txt"), present: true);

        Assert.Null(await watch.Store.GetDocumentStateAsync(StableId.Document("inbox/feed.jsonl#r2"), Ct));
        Assert.Equal(ExitCodes.Ok, await watch.StopAsync());
    }
}
