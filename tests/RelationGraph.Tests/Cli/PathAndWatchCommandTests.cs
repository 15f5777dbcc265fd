using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Tests.Api;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

public sealed class PathAndWatchCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> SeededDatabaseAsync(TempFolder work)
    {
        var database = Path.Combine(work.Path, "graph.db");
        using var host = CliRun.Host(database);
        Assert.Equal(ExitCodes.Ok, await IngestCommand.RunAsync([RepoPaths.Seeds], null, host.Services, TextWriter.Null, TextWriter.Null, false, Ct));
        return database;
    }

    [Fact]
    public async Task PathRunAsync_SeedNames_PrintsHopsWithQuotedEvidence()
    {
        using var work = new TempFolder("work");
        using var host = CliRun.Host(await SeededDatabaseAsync(work));
        var stdout = new StringWriter();

        var exit = await PathCommand.RunAsync(new("Elon Musk", "Vladimir Putin", 4, 3, PathMode.Shortest), json: false, host.Services, stdout, TextWriter.Null, Ct);

        Assert.Equal(ExitCodes.Ok, exit);
        var text = stdout.ToString();
        Assert.StartsWith("Path 1 (", text, StringComparison.Ordinal);
        Assert.Contains("Elon Musk (Person)", text, StringComparison.Ordinal);
        Assert.Matches("-\\[[A-Z_]+\\]->|<-\\[[A-Z_]+\\]-", text);
        Assert.Contains("      \"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathRunAsync_Json_HasPathsWithEvidence()
    {
        using var work = new TempFolder("work");
        using var host = CliRun.Host(await SeededDatabaseAsync(work));
        var stdout = new StringWriter();

        var exit = await PathCommand.RunAsync(new("Elon Musk", "Vladimir Putin", 3, 5, PathMode.KShortest), json: true, host.Services, stdout, TextWriter.Null, Ct);

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(stdout.ToString());
        var paths = json.RootElement.GetProperty("paths");
        Assert.NotEqual(0, paths.GetArrayLength());
        Assert.All(paths.EnumerateArray().SelectMany(p => p.GetProperty("hops").EnumerateArray()),
            hop => Assert.NotEqual(0, hop.GetProperty("evidence").GetArrayLength()));
    }

    [Fact]
    public async Task PathRunAsync_UnknownName_ExitsOneAndSaysSo()
    {
        using var work = new TempFolder("work");
        using var host = CliRun.Host(await SeededDatabaseAsync(work));
        var stderr = new StringWriter();

        var exit = await PathCommand.RunAsync(new("Nobody Known Here", "Vladimir Putin", 4, 3, PathMode.Shortest), json: false, host.Services, TextWriter.Null, stderr, Ct);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("Nobody Known Here", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathRunAsync_AmbiguousName_ListsTheCandidatesMostDocumentedFirstWithAQuoteEach()
    {
        using var work = new TempFolder("work");
        using var host = CliRun.Host(Path.Combine(work.Path, "graph.db"));
        var store = host.Services.GetRequiredService<IGraphStore>();
        await store.ApplyAsync([
            TestData.Batch("docs/jordan.txt", "Jordan Vale works with Jordan Vale, the firm.",
                ("Jordan Vale", EntityKind.Person, RelationType.AssociatedWith, "Jordan Vale", EntityKind.Organisation, "Jordan Vale works with Jordan Vale")),
            TestData.Batch("docs/firm.txt", "Jordan Vale funds Harbour Trust.",
                ("Jordan Vale", EntityKind.Organisation, RelationType.Funds, "Harbour Trust", EntityKind.Organisation, "Jordan Vale funds Harbour Trust"))], Ct);
        var stderr = new StringWriter();

        var exit = await PathCommand.RunAsync(new("Jordan Vale", "Harbour Trust", 4, 3, PathMode.Shortest), json: false, host.Services, TextWriter.Null, stderr, Ct);

        Assert.Equal(ExitCodes.Failed, exit);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("relgraph path: 'Jordan Vale' is ambiguous; use one of these ids:", lines[0]);
        Assert.Equal($"{TestData.Id(EntityKind.Organisation, "Jordan Vale")}  Organisation  Jordan Vale  (2 documents)", lines[1]);
        Assert.StartsWith("\"Jordan Vale ", lines[2], StringComparison.Ordinal);
        Assert.Equal($"{TestData.Id(EntityKind.Person, "Jordan Vale")}  Person  Jordan Vale  (1 document)", lines[3]);
        Assert.Equal("\"Jordan Vale works with Jordan Vale\"", lines[4]);
    }

    [Fact]
    public async Task WatchRunAsync_FileDroppedIn_IsIngestedAndStopIsGraceful()
    {
        using var work = new TempFolder("work");
        using var inbox = new TempFolder("inbox");
        inbox.Write("first.txt", "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.");
        var database = Path.Combine(work.Path, "graph.db");
        using var host = CliRun.Host(database);
        var store = host.Services.GetRequiredService<IGraphStore>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var watching = WatchCommand.RunAsync(inbox.Path, new(TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(200)), host.Services, TextWriter.Null, stop.Token);
        await WaitForAsync(store, StableId.Document("inbox/first.txt"), watching);
        inbox.Write("later/second.md", "Corvane Dynamics won a $40 million contract from the Ministry of Transport in 2024.");
        await WaitForAsync(store, StableId.Document("inbox/later/second.md"), watching);
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await watching);
        Assert.Equal(2, (await store.CountAsync(Ct)).Documents);
    }

    private static async Task WaitForAsync(IGraphStore store, string documentId, Task<int> watching)
    {
        for (var i = 0; i < 600; i++)
        {
            if (watching.IsCompleted)
            {
                Assert.Fail($"the watcher stopped early with exit code {await watching}");
            }

            try
            {
                if (await store.GetDocumentStateAsync(documentId, Ct) is not null)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // the schema may not exist yet
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail($"document {documentId} was not ingested within 30 s");
    }
}
