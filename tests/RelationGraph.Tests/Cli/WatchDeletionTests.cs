using Microsoft.Extensions.Logging;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Model;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

public sealed class WatchDeletionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string First = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.";
    private const string Second = "Tomas Brennholt, chairman of Halvorsen Shipping, met Marta Lindqvist in Bergen.";

    private const int DeletedFileRemoved = 5005;
    private const int DeletedFileKept = 5006;
    private const int DeletedFeedKept = 5007;

    [Fact]
    public async Task WatchRunAsync_FileDeleted_RemovesItsDocumentAndKeepsTheOther()
    {
        using var work = new TempFolder("work");
        using var inbox = new TempFolder("inbox");
        await using var watch = WatchSession.Start(inbox, Path.Combine(work.Path, "graph.db"), keepDeleted: false);
        inbox.Write("first.txt", First);
        inbox.Write("second.txt", Second);
        await watch.WaitUntilAsync(StableId.Document("inbox/first.txt"), present: true);
        await watch.WaitUntilAsync(StableId.Document("inbox/second.txt"), present: true);

        File.Delete(Path.Combine(inbox.Path, "first.txt"));
        await watch.WaitUntilAsync(StableId.Document("inbox/first.txt"), present: false);

        Assert.Equal(ExitCodes.Ok, await watch.StopAsync());
        Assert.Contains(watch.Events, e => e.Id == DeletedFileRemoved && e.Message.Contains("first.txt", StringComparison.Ordinal));
        // exactly the graph of a folder that only ever held the other file
        using var only = new TempFolder("inbox");
        only.Write("second.txt", Second);
        var reference = Path.Combine(work.Path, "reference.db");
        using (var host = CliRun.Host(reference))
        {
            Assert.Equal(ExitCodes.Ok, await IngestCommand.RunAsync([only.Path], null, host.Services, TextWriter.Null, TextWriter.Null, false, Ct));
        }

        GraphSnapshot.AssertEqual(await CliRun.SnapshotAsync(reference), await CliRun.SnapshotAsync(watch.DatabasePath));
    }

    [Fact]
    public async Task WatchRunAsync_KeepDeleted_DocumentStays()
    {
        using var work = new TempFolder("work");
        using var inbox = new TempFolder("inbox");
        await using var watch = WatchSession.Start(inbox, Path.Combine(work.Path, "graph.db"), keepDeleted: true);
        inbox.Write("first.txt", First);
        inbox.Write("second.txt", Second);
        await watch.WaitUntilAsync(StableId.Document("inbox/first.txt"), present: true);
        await watch.WaitUntilAsync(StableId.Document("inbox/second.txt"), present: true);

        File.Delete(Path.Combine(inbox.Path, "first.txt"));
        await watch.WaitForEventAsync(DeletedFileKept, "first.txt");

        Assert.NotNull(await watch.Store.GetDocumentStateAsync(StableId.Document("inbox/first.txt"), Ct));
        Assert.Equal(2, (await watch.Store.CountAsync(Ct)).Documents);
        Assert.Equal(ExitCodes.Ok, await watch.StopAsync());
    }

    [Fact]
    public async Task WatchRunAsync_FileRenamed_OldDocumentGoesNewOneComes()
    {
        using var work = new TempFolder("work");
        using var inbox = new TempFolder("inbox");
        await using var watch = WatchSession.Start(inbox, Path.Combine(work.Path, "graph.db"), keepDeleted: false);
        inbox.Write("draft.txt", First);
        await watch.WaitUntilAsync(StableId.Document("inbox/draft.txt"), present: true);

        File.Move(Path.Combine(inbox.Path, "draft.txt"), Path.Combine(inbox.Path, "final.txt"));
        await watch.WaitUntilAsync(StableId.Document("inbox/final.txt"), present: true);
        await watch.WaitUntilAsync(StableId.Document("inbox/draft.txt"), present: false);

        Assert.Equal(1, (await watch.Store.CountAsync(Ct)).Documents);
        Assert.Equal(ExitCodes.Ok, await watch.StopAsync());
    }

    [Fact]
    public async Task WatchRunAsync_FolderDeleted_RemovesTheDocumentsOfItsFilesOnly()
    {
        using var work = new TempFolder("work");
        using var inbox = new TempFolder("inbox");
        await using var watch = WatchSession.Start(inbox, Path.Combine(work.Path, "graph.db"), keepDeleted: false);
        inbox.Write("old/first.txt", First);
        // a sibling whose name starts with the deleted folder's: not below it
        inbox.Write("older/second.txt", Second);
        await watch.WaitUntilAsync(StableId.Document("inbox/old/first.txt"), present: true);
        await watch.WaitUntilAsync(StableId.Document("inbox/older/second.txt"), present: true);

        Directory.Delete(Path.Combine(inbox.Path, "old"), recursive: true);
        await watch.WaitUntilAsync(StableId.Document("inbox/old/first.txt"), present: false);

        Assert.NotNull(await watch.Store.GetDocumentStateAsync(StableId.Document("inbox/older/second.txt"), Ct));
        Assert.Equal(ExitCodes.Ok, await watch.StopAsync());
    }

    [Fact]
    public async Task WatchRunAsync_FeedDeleted_KeepsItsRecordsAndSaysHowToRemoveThem()
    {
        using var work = new TempFolder("work");
        using var inbox = new TempFolder("inbox");
        await using var watch = WatchSession.Start(inbox, Path.Combine(work.Path, "graph.db"), keepDeleted: false);
        inbox.Write("feed.jsonl", $"{{\"id\":\"r1\",\"text\":\"{First}\"}}\n{{\"id\":\"r2\",\"text\":\"{Second}\"}}\n");
        await watch.WaitUntilAsync(StableId.Document("inbox/feed.jsonl#r1"), present: true);
        await watch.WaitUntilAsync(StableId.Document("inbox/feed.jsonl#r2"), present: true);

        File.Delete(Path.Combine(inbox.Path, "feed.jsonl"));
        var logged = await watch.WaitForEventAsync(DeletedFeedKept, "feed.jsonl");

        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Contains("relgraph remove", logged.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await watch.Store.CountAsync(Ct)).Documents);
        Assert.Equal(ExitCodes.Ok, await watch.StopAsync());
    }
}
