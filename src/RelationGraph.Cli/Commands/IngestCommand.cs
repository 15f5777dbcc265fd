using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Storage;

namespace RelationGraph.Cli.Commands;

/// <summary><c>relgraph ingest &lt;path&gt;... [--db FILE] [--report FILE]</c>: a batch job over files, folders, globs and JSONL feeds.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files, folders (searched recursively) or globs such as 'news/**/*.md'. Formats: .txt .md .html .pdf, and .jsonl with one {id?, title?, url?, publishedAt?, text} per line.",
            Arity = ArgumentArity.OneOrMore,
        };
        var report = new Option<string?>("--report") { Description = "Write a JSON report: every document's outcome and the totals." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Documents per store write (default 512, Ingestion:BatchSize)." };
        var command = new Command("ingest", "Read, extract and store documents. Unchanged documents are skipped; safe to stop and run again.")
        {
            paths, CommonOptions.Database, report, batchSize, CommonOptions.MaxSize,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(batchSize) is { } size)
            {
                overrides["Ingestion:BatchSize"] = size.ToString(CultureInfo.InvariantCulture);
            }

            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database), overrides.WithMaxSize(parse));
            return await RunAsync(
                parse.GetValue(paths) ?? [],
                parse.GetValue(report),
                host.Services,
                Console.Out,
                Console.Error,
                terminal: !Console.IsErrorRedirected,
                cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(
        IReadOnlyList<string> paths,
        string? reportPath,
        IServiceProvider services,
        TextWriter stdout,
        TextWriter stderr,
        bool terminal,
        CancellationToken cancellationToken)
    {
        var sources = SourceDiscovery.Discover(paths, Environment.CurrentDirectory);
        if (sources.Missing.Count > 0)
        {
            foreach (var missing in sources.Missing)
            {
                await stderr.WriteLineAsync($"relgraph ingest: nothing at '{missing}' (no such file or folder, or a glob that matches nothing)");
            }

            return ExitCodes.Usage;
        }

        if (reportPath is not null && OutputPaths.WriteError(reportPath) is { } unwritable)
        {
            await stderr.WriteLineAsync($"relgraph ingest: --report: {unwritable}");
            return ExitCodes.Usage;
        }

        foreach (var link in sources.SkippedLinks)
        {
            await stderr.WriteLineAsync($"relgraph ingest: not following the link '{link}': it leads to nothing, back up the tree, or into a folder already scanned");
        }

        IGraphStore store;
        // bad settings (say --batch-size 0) are a usage error, reported before the store is touched
        var options = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
        IngestionPipeline pipeline;
        try
        {
            store = services.GetRequiredService<IGraphStore>();
            pipeline = services.GetRequiredService<IngestionPipeline>();
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await StoreUnavailableAsync(services, stderr, ex);
        }

        var timeProvider = services.GetRequiredService<TimeProvider>();
        var progress = new ProgressDisplay(stderr, terminal, timeProvider);
        IngestionReport report;
        try
        {
            report = await pipeline.RunAsync(sources.Enumerate(options.MaxDocumentBytes), sources.CountDocuments(), progress, sources.Ignored, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            progress.Complete();
            return await StoreUnavailableAsync(services, stderr, ex);
        }

        progress.Complete();
        var exit = report.Cancelled ? ExitCodes.Cancelled : report.HasFailures ? ExitCodes.Failed : ExitCodes.Ok;
        // the summary first: it is printed even when the report (checked at start) can no longer be written
        await WriteSummaryAsync(report, reportPath, stdout);
        if (reportPath is not null)
        {
            try
            {
                var full = Path.GetFullPath(reportPath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await using var file = File.Create(full);
                await report.WriteJsonAsync(file, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"relgraph ingest: the report could not be written to '{reportPath}': {ex.Message}");
                return exit == ExitCodes.Ok ? ExitCodes.Failed : exit;
            }
        }

        return exit;
    }

    /// <summary>
    /// The store, initialised; or null and the exit code, after saying on stderr that it is unavailable. A
    /// <paramref name="readingCommand"/> (one that only reads or removes) does not create a store that does not exist.
    /// </summary>
    internal static async Task<(IGraphStore? Store, int ExitCode)> OpenStoreAsync(IServiceProvider services, TextWriter stderr, CancellationToken cancellationToken,
        string? readingCommand = null)
    {
        try
        {
            if (readingCommand is not null && await OutputPaths.MissingStoreAsync(readingCommand, services, stderr) is { } missing)
            {
                return (null, missing);
            }

            var store = services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(cancellationToken);
            return (store, ExitCodes.Ok);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, await StoreUnavailableAsync(services, stderr, ex));
        }
    }

    internal static async Task<int> StoreUnavailableAsync(IServiceProvider services, TextWriter stderr, Exception ex)
    {
        services.GetService<ILoggerFactory>()?.CreateLogger("relgraph").StoreUnavailable(ex);
        await stderr.WriteLineAsync($"relgraph: the graph store is unavailable: {ex.GetBaseException().Message}");
        return ExitCodes.StoreUnavailable;
    }

    private static async Task WriteSummaryAsync(IngestionReport report, string? reportPath, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        var d = report.Totals.Documents;
        var seconds = (report.FinishedAt - report.StartedAt).TotalSeconds;
        var state = report.Cancelled ? "Stopped early" : "Done";
        await stdout.WriteLineAsync(string.Create(inv,
            $"{state}: {d.Total} documents in {seconds:0.0} s: {d.Ingested} ingested, {d.Updated} updated, {d.Unchanged} unchanged, {d.Failed} failed."));
        await stdout.WriteLineAsync(string.Create(inv,
            $"Entities {Changes(report.Totals.Entities)}; facts {Changes(report.Totals.Facts)}; evidence {Changes(report.Totals.Evidence)}."));
        foreach (var failed in report.Documents.Where(o => o.Status == DocumentStatus.Failed).Take(50))
        {
            await stdout.WriteLineAsync($"  failed {failed.Source}: {failed.ErrorCode}: {failed.Error}");
        }

        if (d.Failed > 50)
        {
            await stdout.WriteLineAsync(string.Create(inv, $"  ... and {d.Failed - 50} more failures{(reportPath is null ? "; use --report FILE for all" : "")}"));
        }

        if (report.Ignored.Count > 0)
        {
            await stdout.WriteLineAsync(string.Create(inv, $"Ignored {report.Ignored.Count} files with unsupported extensions."));
        }

        if (reportPath is not null)
        {
            await stdout.WriteLineAsync($"Report: {reportPath}");
        }
    }

    private static string Changes(ChangeCounts counts) =>
        string.Create(CultureInfo.InvariantCulture, $"+{counts.Added} ~{counts.Updated} -{counts.Removed}");
}
