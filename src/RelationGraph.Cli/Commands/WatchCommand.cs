using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Storage;

namespace RelationGraph.Cli.Commands;

/// <summary><c>relgraph watch &lt;folder&gt;</c>: a long-running worker that ingests files as they appear or change.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Folder to watch (recursively)." };
        var interval = new Option<double?>("--rescan-seconds") { Description = "Full rescan period, a safety net for missed file events (default 60)." };
        var command = new Command("watch", "Ingest a folder, then keep ingesting files as they appear or change, until Ctrl+C or SIGTERM.")
        {
            folder, CommonOptions.Database, interval,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" };
            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database), overrides);
            var rescan = TimeSpan.FromSeconds(parse.GetValue(interval) ?? 60);
            return await RunAsync(parse.GetValue(folder)!, rescan, TimeSpan.FromSeconds(1), host.Services, Console.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs until cancelled; returns <see cref="ExitCodes.Ok"/> on a graceful stop.</summary>
    public static async Task<int> RunAsync(string folder, TimeSpan rescanInterval, TimeSpan quietPeriod, IServiceProvider services, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            await stderr.WriteLineAsync($"relgraph watch: no folder at '{folder}'");
            return ExitCodes.Usage;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("relgraph.watch");
        IngestionPipeline pipeline;
        try
        {
            pipeline = services.GetRequiredService<IngestionPipeline>();
            await services.GetRequiredService<IGraphStore>().InitializeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        var changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = new FileSystemWatcher(root) { IncludeSubdirectories = true, EnableRaisingEvents = false };
        watcher.Created += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Changed += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Error += (_, e) =>
        {
            logger.WatcherError(e.GetException());
            changes.Writer.TryWrite(root);
        };
        watcher.EnableRaisingEvents = true;
        logger.WatchStarted(root, rescanInterval);
        try
        {
            // the first pass takes whatever is already there (unchanged files are skipped cheaply)
            await PassAsync(pipeline, [root], root, logger, stderr, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var pending = await NextChangesAsync(changes.Reader, root, rescanInterval, quietPeriod, cancellationToken);
                await PassAsync(pipeline, pending, root, logger, stderr, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // graceful stop: a pass in progress already finished its current batch
        }
        catch (StoreUnavailableException ex)
        {
            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        logger.WatchStopped();
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Waits for file events, then for a quiet period without new ones (a file being copied raises many),
    /// and returns the paths touched; after the rescan interval with no events, returns the whole folder.
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> NextChangesAsync(
        ChannelReader<string> changes, string root, TimeSpan rescanInterval, TimeSpan quietPeriod, CancellationToken cancellationToken)
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var wait = rescanInterval;
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                await changes.WaitToReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return pending.Count > 0 ? pending : [root];
            }

            while (changes.TryRead(out var path))
            {
                pending.Add(path);
            }

            if (pending.Contains(root))
            {
                return [root];
            }

            wait = quietPeriod;
        }
    }

    private static async Task PassAsync(IngestionPipeline pipeline, IReadOnlyCollection<string> paths, string root, ILogger logger, TextWriter stderr, CancellationToken cancellationToken)
    {
        // editors and copiers leave temporary and hidden files behind: only documents a folder scan would take
        var existing = paths.Where(p => p == root || (File.Exists(p)
                && SourceEnumerator.SupportedExtensions.Contains(Path.GetExtension(p))
                && !Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'))))
            .ToList();
        var sources = SourceEnumerator.Discover(existing, root, root);
        if (sources.Files.Count == 0)
        {
            return;
        }

        var report = await pipeline.RunAsync(sources.Enumerate(), sources.CountDocuments(), cancellationToken: cancellationToken);
        var totals = report.Totals.Documents;
        logger.WatchPass(totals.Ingested, totals.Updated, totals.Unchanged, totals.Failed);
        foreach (var failed in report.Documents.Where(d => d.Status == DocumentStatus.Failed))
        {
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"failed {failed.Source}: {failed.ErrorCode}: {failed.Error}"));
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
