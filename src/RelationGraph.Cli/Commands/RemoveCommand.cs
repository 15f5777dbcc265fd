using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Cli.Commands;

/// <summary><c>relgraph remove &lt;document-id-or-path&gt;...</c>: takes documents out of the graph as if they had never been ingested.</summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        var documents = new Argument<string[]>("documents")
        {
            Description = "Document ids (doc_…), or the files, folders or globs they were ingested from (a file already deleted from disk works too; " +
                "a .jsonl feed must still be on disk, since its records' ids come from its content).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("remove", "Remove documents with their mentions and evidence; facts and entities nothing else supports go too.")
        {
            documents, CommonOptions.Database, CommonOptions.MaxSize,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database), new Dictionary<string, string?>().WithMaxSize(parse));
            return await RunAsync(parse.GetValue(documents) ?? [], host.Services, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Removes what each target names, one stdout line per document removed or target not found;
    /// <see cref="ExitCodes.Failed"/> when some target named no stored document.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> targets, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (targets.Count == 0 || targets.Any(string.IsNullOrWhiteSpace))
        {
            await stderr.WriteLineAsync("relgraph remove: name documents by id (doc_…) or by the path they were ingested from");
            return ExitCodes.Usage;
        }

        // a feed line over the ingest limit never became a document
        var maxRecordBytes = services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxDocumentBytes;
        var (store, unavailable) = await IngestCommand.OpenStoreAsync(services, stderr, cancellationToken, readingCommand: "remove");
        if (store is null)
        {
            return unavailable;
        }

        var notFound = 0;
        try
        {
            foreach (var target in targets)
            {
                var found = DocumentIds.IsDocumentId(target)
                    ? await RemoveIdAsync(store, target, stdout, cancellationToken)
                    : await RemovePathAsync(store, target, maxRecordBytes, stdout, cancellationToken);
                if (!found)
                {
                    notFound++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // a store that still answers failed for another reason: that error is shown as it is
            if (await store.IsReachableAsync(CancellationToken.None))
            {
                throw;
            }

            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        return notFound == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<bool> RemoveIdAsync(IGraphStore store, string documentId, TextWriter stdout, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(documentId, cancellationToken);
        var removed = document is null ? null : await store.RemoveDocumentAsync(documentId, cancellationToken);
        if (removed is null)
        {
            await stdout.WriteLineAsync($"not found {documentId}: no document has this id");
            return false;
        }

        await WriteRemovedAsync(removed, document!.Document.SourceUri, stdout);
        return true;
    }

    /// <summary>
    /// Removes the documents ingested from the files a path names. A file's id depends on the folder its ingest job
    /// started from, which may be any folder it is in, so each possible source is tried; when more than one is in the
    /// graph, nothing is removed and their ids are listed.
    /// </summary>
    private static async Task<bool> RemovePathAsync(IGraphStore store, string target, long maxRecordBytes, TextWriter stdout, CancellationToken cancellationToken)
    {
        List<string> files;
        try
        {
            files = [.. SourceDiscovery.Discover([target], Environment.CurrentDirectory).Files.Select(f => f.FullPath)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stdout.WriteLineAsync($"not found {target}: cannot read it: {ex.Message}");
            return false;
        }

        if (files.Count == 0 && target.IndexOfAny(['*', '?', '[']) < 0)
        {
            // a file deleted from disk: its id still derives from its path
            files.Add(Path.GetFullPath(target, Environment.CurrentDirectory));
        }

        if (files.Count == 0)
        {
            await stdout.WriteLineAsync($"not found {target}: the pattern matches no file");
            return false;
        }

        var allFound = true;
        foreach (var file in files)
        {
            var shown = Path.GetRelativePath(Environment.CurrentDirectory, file);
            if (DocumentIds.IsFeed(file) && !File.Exists(file))
            {
                await stdout.WriteLineAsync($"not found {shown}: the feed is not on disk, so its records' ids cannot be derived; remove them by id");
                allFound = false;
                continue;
            }

            var tooLarge = new List<string>();
            var candidates = DocumentIds.IsFeed(file)
                ? DocumentIds.OfFeedRecords(file, maxRecordBytes, tooLarge)
                : DocumentIds.PossibleSources(file).Select(source => (DocumentId: StableId.Document(source), SourceUri: source));
            var stored = new List<(string DocumentId, string SourceUri)>();
            foreach (var candidate in candidates)
            {
                if (await store.GetDocumentStateAsync(candidate.DocumentId, cancellationToken) is not null)
                {
                    stored.Add(candidate);
                }
            }

            // a file's path names one document; two mean the same relative path was ingested from different folders
            // (`ingest a/docs` and `ingest b/docs` both give docs/x.txt), and only its id can say which
            if (!DocumentIds.IsFeed(file) && stored.Count > 1)
            {
                await stdout.WriteLineAsync($"ambiguous {shown}: {stored.Count} documents may have come from it, remove the right one by id: " +
                    string.Join(", ", stored.Select(d => $"{d.DocumentId} ({d.SourceUri})")));
                allFound = false;
                continue;
            }

            var removedAny = false;
            foreach (var (documentId, sourceUri) in stored)
            {
                if (await store.RemoveDocumentAsync(documentId, cancellationToken) is { } removed)
                {
                    await WriteRemovedAsync(removed, sourceUri, stdout);
                    removedAny = true;
                }
            }

            foreach (var line in tooLarge)
            {
                await stdout.WriteLineAsync($"skipped {line}: over the size limit, so never ingested unless the job's --max-size was larger (give the same --max-size here)");
            }

            if (!removedAny)
            {
                await stdout.WriteLineAsync($"not found {shown}: no document in the graph was ingested from it");
                allFound = false;
            }
        }

        return allFound;
    }

    private static Task WriteRemovedAsync(ApplyResult removed, string sourceUri, TextWriter stdout) =>
        stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"removed {removed.DocumentId} ({sourceUri}): evidence -{removed.Evidence.Removed}; " +
            $"facts -{removed.Facts.Removed} ~{removed.Facts.Updated}; entities -{removed.Entities.Removed} ~{removed.Entities.Updated}"));
}
