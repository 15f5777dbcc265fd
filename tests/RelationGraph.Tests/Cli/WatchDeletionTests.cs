using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;
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

    /// <summary>A <c>relgraph watch</c> running in-process on a folder, with its log events captured.</summary>
    private sealed class WatchSession : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly CancellationTokenSource _stop;
        private readonly CapturingLoggers _loggers = new();
        private readonly Task<int> _running;

        private WatchSession(TempFolder folder, string databasePath, bool keepDeleted)
        {
            DatabasePath = databasePath;
            _host = CliRun.Host(databasePath);
            Store = _host.Services.GetRequiredService<IGraphStore>();
            _stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var settings = new WatchCommand.WatchSettings(TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(200), keepDeleted);
            _running = WatchCommand.RunAsync(folder.Path, settings, new LoggingOverride(_host.Services, _loggers), TextWriter.Null, _stop.Token);
        }

        public string DatabasePath { get; }

        public IGraphStore Store { get; }

        public IReadOnlyCollection<LoggedEvent> Events => _loggers.Events;

        public static WatchSession Start(TempFolder folder, string databasePath, bool keepDeleted) => new(folder, databasePath, keepDeleted);

        /// <summary>Polls the store (the watch writes on its own schedule) with a generous deadline.</summary>
        public async Task WaitUntilAsync(string documentId, bool present)
        {
            await PollAsync(async () =>
            {
                try
                {
                    return await Store.GetDocumentStateAsync(documentId, Ct) is not null == present;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // the schema may not exist yet
                    return false;
                }
            }, $"document {documentId} {(present ? "to be ingested" : "to be removed")}");
        }

        public async Task<LoggedEvent> WaitForEventAsync(int eventId, string mentioning)
        {
            LoggedEvent? found = null;
            await PollAsync(() =>
            {
                found = _loggers.Events.FirstOrDefault(e => e.Id == eventId && e.Message.Contains(mentioning, StringComparison.Ordinal));
                return Task.FromResult(found is not null);
            }, $"log event {eventId} about {mentioning}");
            return found!;
        }

        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await _running;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // stopped while starting
            }

            _stop.Dispose();
            _host.Dispose();
            _loggers.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        private async Task PollAsync(Func<Task<bool>> condition, string waitingFor)
        {
            var deadline = TimeSpan.FromSeconds(60);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < deadline)
            {
                if (_running.IsCompleted)
                {
                    Assert.Fail($"the watch stopped early with exit code {await _running} while waiting for {waitingFor}");
                }

                if (await condition())
                {
                    return;
                }

                await Task.Delay(50, Ct);
            }

            Assert.Fail($"gave up waiting for {waitingFor} after {deadline.TotalSeconds:0} s");
        }
    }

    internal sealed record LoggedEvent(int Id, LogLevel Level, string Message);

    /// <summary>The host's services, but with loggers that record what they are told.</summary>
    private sealed class LoggingOverride(IServiceProvider inner, ILoggerFactory loggers) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ILoggerFactory) ? loggers : inner.GetService(serviceType);
    }

    private sealed class CapturingLoggers : ILoggerFactory, ILogger
    {
        private readonly ConcurrentQueue<LoggedEvent> _events = new();

        public IReadOnlyCollection<LoggedEvent> Events => _events;

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _events.Enqueue(new LoggedEvent(eventId.Id, logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
