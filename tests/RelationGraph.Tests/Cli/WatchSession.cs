using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationGraph.Cli.Commands;
using RelationGraph.Core.Storage;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Cli;

/// <summary>A <c>relgraph watch</c> running in-process on a folder, with its log events captured.</summary>
internal sealed class WatchSession : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
internal sealed class LoggingOverride(IServiceProvider inner, ILoggerFactory loggers) : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType == typeof(ILoggerFactory) ? loggers : inner.GetService(serviceType);
}

internal sealed class CapturingLoggers : ILoggerFactory, ILogger
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
