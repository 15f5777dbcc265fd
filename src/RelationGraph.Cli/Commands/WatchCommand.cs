using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Storage;

namespace RelationGraph.Cli.Commands;

/// <summary><c>relgraph watch &lt;folder&gt;</c>: a long-running worker that ingests files as they appear or change.</summary>
internal static class WatchCommand
{
    /// <summary>Rescan period when file events are unavailable.</summary>
    private static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Folder to watch (recursively)." };
        var interval = new Option<double?>("--rescan-seconds") { Description = "Full rescan period, a safety net for missed file events (default 60)." };
        var keepDeleted = new Option<bool>("--keep-deleted") { Description = "Keep the documents of deleted files in the graph (by default they are removed)." };
        var command = new Command("watch",
            "Ingest a folder, then keep ingesting files as they appear or change, and remove the documents of deleted files, until Ctrl+C or SIGTERM.")
        {
            folder, CommonOptions.Database, interval, keepDeleted,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" };
            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database), overrides);
            var rescan = TimeSpan.FromSeconds(parse.GetValue(interval) ?? 60);
            var settings = new WatchSettings(rescan, TimeSpan.FromSeconds(1), KeepDeleted: parse.GetValue(keepDeleted));
            return await RunAsync(parse.GetValue(folder)!, settings, host.Services, Console.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>How a watch runs.</summary>
    /// <param name="RescanInterval">Full rescan period, a safety net for missed file events.</param>
    /// <param name="QuietPeriod">How long file events must stop before a pass (a file being copied raises many).</param>
    /// <param name="KeepDeleted">Leave the documents of deleted files in the graph.</param>
    internal sealed record WatchSettings(TimeSpan RescanInterval, TimeSpan QuietPeriod, bool KeepDeleted = false);

    /// <summary>Runs until cancelled; returns <see cref="ExitCodes.Ok"/> on a graceful stop.</summary>
    public static async Task<int> RunAsync(string folder, WatchSettings settings, IServiceProvider services, TextWriter stderr, CancellationToken cancellationToken)
    {
        var rescanInterval = settings.RescanInterval;
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            await stderr.WriteLineAsync($"relgraph watch: no folder at '{folder}'");
            return ExitCodes.Usage;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("relgraph.watch");
        // bad settings (say --batch-size 0) are a usage error, reported before the store is touched
        var options = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
        IngestionPipeline pipeline;
        IGraphStore store;
        try
        {
            pipeline = services.GetRequiredService<IngestionPipeline>();
            store = services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        var changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = new FileSystemWatcher(root) { IncludeSubdirectories = true, EnableRaisingEvents = false };
        watcher.Created += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Changed += (_, e) => changes.Writer.TryWrite(e.FullPath);
        // a deleted path, or the old one of a rename, is checked at the next pass: gone then means deleted
        watcher.Deleted += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            changes.Writer.TryWrite(e.OldFullPath);
            changes.Writer.TryWrite(e.FullPath);
        };
        watcher.Error += (_, e) =>
        {
            logger.WatcherError(e.GetException());
            changes.Writer.TryWrite(root);
        };
        try
        {
            watcher.EnableRaisingEvents = true;
        }
        catch (IOException ex)
        {
            // e.g. the per-user inotify limit: poll instead; rescans only read files whose size or time changed
            logger.WatcherError(ex);
            rescanInterval = rescanInterval < PollingInterval ? rescanInterval : PollingInterval;
        }

        logger.WatchStarted(root, rescanInterval);
        var watch = new Watch(pipeline, store, root, settings.KeepDeleted, options.MaxDocumentBytes, logger, stderr);
        try
        {
            await watch.PassAsync([root], cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var pending = await NextChangesAsync(changes.Reader, root, rescanInterval, settings.QuietPeriod, cancellationToken);
                await watch.PassAsync(pending, cancellationToken);
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

    /// <summary>What one watch knows between passes: the files it has seen, with their size and write time.</summary>
    private sealed class Watch(IngestionPipeline pipeline, IGraphStore store, string root, bool keepDeleted, long maxRecordBytes, ILogger logger, TextWriter stderr)
    {
        private readonly Dictionary<string, (long Length, DateTime Written)> _seen = new(StringComparer.Ordinal);
        private readonly HashSet<string> _skippedLinks = new(StringComparer.Ordinal); // each is logged once, not at every pass

        /// <summary>
        /// Ingests the files among <paramref name="paths"/> (the root means the whole folder) whose size or write
        /// time differs from the last pass; the pipeline then skips any whose content is unchanged after all. A file
        /// that failed (say, caught half-written) is tried again when its size or time changes. Then removes the
        /// documents of seen files under <paramref name="paths"/> that are gone.
        /// </summary>
        public async Task PassAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
        {
            await IngestChangedAsync(paths, cancellationToken);
            await ForgetDeletedAsync(paths, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
        }

        private async Task IngestChangedAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
        {
            // a new folder is scanned whole: files created in it before its own watch started raise no event.
            // Editors and copiers leave temporary and hidden files behind: only documents a folder scan would take.
            var candidates = paths.Where(p => p == root || (!IsHidden(root, p)
                    && (Directory.Exists(p) || (File.Exists(p) && SourceDiscovery.SupportedExtensions.Contains(Path.GetExtension(p))))))
                .ToList();
            var found = SourceDiscovery.Discover(candidates, root, root);
            foreach (var link in found.SkippedLinks.Where(_skippedLinks.Add))
            {
                logger.LinkSkipped(Path.GetRelativePath(root, link));
            }

            var changed = new List<string>();
            foreach (var (fullPath, _) in found.Files)
            {
                var info = new FileInfo(fullPath);
                var signature = info.Exists ? (info.Length, info.LastWriteTimeUtc) : default;
                if (!_seen.TryGetValue(fullPath, out var last) || last != signature)
                {
                    changed.Add(fullPath);
                    _seen[fullPath] = signature;
                }
            }

            if (changed.Count == 0)
            {
                return;
            }

            var sources = SourceDiscovery.Discover(changed, root, root);
            var report = await pipeline.RunAsync(sources.Enumerate(maxRecordBytes), sources.CountDocuments(), cancellationToken: cancellationToken);
            var totals = report.Totals.Documents;
            logger.WatchPass(totals.Ingested, totals.Updated, totals.Unchanged, totals.Failed);
            foreach (var failed in report.Documents.Where(d => d.Status == DocumentStatus.Failed))
            {
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"failed {failed.Source}: {failed.ErrorCode}: {failed.Error}"));
            }
        }

        /// <summary>
        /// Seen files at or below <paramref name="paths"/> that no longer exist were deleted (or renamed away): their
        /// documents are removed, unless told to keep them. A feed's records are kept: they may live on in another feed.
        /// </summary>
        private async Task ForgetDeletedAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
        {
            var deleted = _seen.Keys
                .Where(file => paths.Any(p => IsAtOrBelow(file, p)) && !File.Exists(file))
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var file in deleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _seen.Remove(file);
                var shown = Path.GetRelativePath(root, file);
                if (DocumentIds.IsFeed(file))
                {
                    logger.DeletedFeedKept(shown);
                    continue;
                }

                var documentId = DocumentIds.OfFile(file, root);
                if (keepDeleted)
                {
                    logger.DeletedFileKept(shown, documentId);
                    continue;
                }

                ApplyResult? removed;
                try
                {
                    removed = await store.RemoveDocumentAsync(documentId, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new StoreUnavailableException("The graph store could not remove a document: " + ex.Message, ex);
                }

                if (removed is null)
                {
                    logger.DeletedFileNotInGraph(shown, documentId);
                    continue;
                }

                logger.DeletedFileRemoved(shown, documentId, removed.Evidence.Removed, removed.Facts.Removed, removed.Facts.Updated,
                    removed.Entities.Removed, removed.Entities.Updated);
            }
        }

        private static bool IsAtOrBelow(string file, string path) =>
            file == path || file.StartsWith(Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static bool IsHidden(string root, string path) =>
        Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));
}
