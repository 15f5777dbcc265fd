using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Reading;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Core.Ingestion;

/// <summary>Reads UTF-8 text strictly; enough of a reader to test the pipeline's handling of its verdicts.</summary>
internal sealed class StrictTextReader : IDocumentReader
{
    public DocumentReadResult Read(string sourceUri, ReadOnlyMemory<byte> content, string? mediaType = null)
    {
        if (content.Span.IndexOf((byte)0) >= 0)
        {
            return DocumentReadResult.Fail("binary", "binary content");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content.Span);
        }
        catch (DecoderFallbackException)
        {
            return DocumentReadResult.Fail("invalid-utf8", "not UTF-8");
        }

        return string.IsNullOrWhiteSpace(text)
            ? DocumentReadResult.Fail("empty", "empty document")
            : DocumentReadResult.Ok(SourceDocument.Create(sourceUri, text));
    }
}

/// <summary>Turns each "X knows Y." sentence into an ASSOCIATED_WITH fact; throws on "EXPLODE".</summary>
internal sealed class KnowsExtractor : IDocumentExtractor
{
    private int _calls;

    public string Name => "knows";

    public string Version { get; init; } = "1";

    public int Calls => _calls;

    public ValueTask<DocumentGraph> ExtractAsync(SourceDocument document, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (document.Text.Contains("EXPLODE", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("extractor bug");
        }

        var facts = new List<(string, EntityKind, RelationType, string, EntityKind, string)>();
        foreach (var sentence in document.Text.Split('.', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = sentence.Split(" knows ", StringSplitOptions.TrimEntries);
            if (parts.Length == 2)
            {
                facts.Add((parts[0], EntityKind.Person, RelationType.AssociatedWith, parts[1], EntityKind.Person, sentence));
            }
        }

        var batch = TestData.Batch(document.SourceUri, document.Text, [.. facts]);
        return ValueTask.FromResult(batch with { Document = document, ExtractorVersion = Version });
    }
}

/// <summary>
/// Remembers documents and evidence ids per document; enough store to test skip, update, batching, bulk loads and
/// failures (a document whose text says POISON is refused, as <see cref="IGraphStore.ApplyAsync"/> reports one).
/// Path and lookup verbs are not part of what the pipeline uses.
/// </summary>
internal sealed class RecordingStore : IGraphStore, IBulkLoadStore
{
    private readonly ConcurrentDictionary<string, (StoredDocumentState State, HashSet<string> Evidence)> _documents = new();

    public List<int> BatchSizes { get; } = [];

    /// <summary>The writes in order: "begin" and "end" of bulk loads (when one began), "apply" per call.</summary>
    public List<string> Writes { get; } = [];

    public bool Down { get; set; }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<StoredDocumentState?> GetDocumentStateAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return Task.FromResult(_documents.TryGetValue(documentId, out var d) ? d.State : null);
    }

    public Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<DocumentGraph> batches, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        lock (BatchSizes)
        {
            BatchSizes.Add(batches.Count);
            Writes.Add("apply");
        }

        var results = new List<ApplyResult>();
        foreach (var batch in batches)
        {
            // as a real store does: the document it refuses fails alone, the others are written
            if (batch.Document.Text.Contains("POISON", StringComparison.Ordinal))
            {
                results.Add(ApplyResult.Failed(batch.Document.Id, "constraint failed"));
                continue;
            }

            var state = new StoredDocumentState(batch.Document.Id, batch.Document.ContentHash, batch.ExtractorVersion);
            var evidence = batch.Evidence.Select(e => e.Id).ToHashSet();
            var existed = _documents.TryGetValue(batch.Document.Id, out var old);
            if (existed && old.State == state)
            {
                results.Add(new ApplyResult(batch.Document.Id, ApplyOutcome.Unchanged, default, default, default));
                continue;
            }

            _documents[batch.Document.Id] = (state, evidence);
            var removed = existed ? old.Evidence.Except(evidence).Count() : 0;
            var added = existed ? evidence.Except(old.Evidence).Count() : evidence.Count;
            results.Add(new ApplyResult(batch.Document.Id, existed ? ApplyOutcome.Updated : ApplyOutcome.Added,
                default, default, new ChangeCounts(added, 0, removed)));
        }

        return Task.FromResult<IReadOnlyList<ApplyResult>>(results);
    }

    public Task<ApplyResult?> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return Task.FromResult(_documents.TryRemove(documentId, out var old)
            ? new ApplyResult(documentId, ApplyOutcome.Removed, default, default, new ChangeCounts(0, 0, old.Evidence.Count))
            : null);
    }

    public Task<bool> TryBeginBulkLoadAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        lock (BatchSizes)
        {
            if (!_documents.IsEmpty)
            {
                return Task.FromResult(false);
            }

            Writes.Add("begin");
            return Task.FromResult(true);
        }
    }

    /// <summary>Makes the end of a bulk load fail (building indexes on a full disk, say).</summary>
    public bool FailBulkLoadEnd { get; set; }

    public Task EndBulkLoadAsync(CancellationToken cancellationToken = default)
    {
        lock (BatchSizes)
        {
            Writes.Add("end");
        }

        return FailBulkLoadEnd ? Task.FromException(new IOException("disk full")) : Task.CompletedTask;
    }

    public IReadOnlyCollection<string> DocumentIds => [.. _documents.Keys];

    public IReadOnlySet<string> EvidenceOf(string documentId) => _documents[documentId].Evidence;

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return Task.FromResult(new GraphCounts(_documents.Count, 0, 0, 0, _documents.Values.Sum(d => d.Evidence.Count)));
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new IOException("connection refused");
        }
    }

    public Task<IReadOnlyList<EntitySummary>> SearchEntitiesAsync(EntitySearch query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<EntitySummary>> FindByNameAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, string>> GetEntityQuotesAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    // a store that records writes holds nothing a document could be joined to
    public Task<IReadOnlyList<EntitySummary>> FindIdentityCandidatesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EntitySummary>>([]);

    public Task<EntityDetail?> GetEntityAsync(string entityId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PathResult> FindPathsAsync(PathRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(string entityId, PathFilter filter, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<EvidencePage?> GetEvidenceAsync(string factKey, int offset, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int offset, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DocumentDetail?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<MentionRecord>?> GetDocumentMentionsAsync(string documentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<GraphExportItem> ExportAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    // the pipeline reads the judgements in force before each batch: this store holds none
    public Task<IReadOnlyList<IdentityJudgement>> ListJudgementsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return Task.FromResult<IReadOnlyList<IdentityJudgement>>([]);
    }

    public Task<SourceDocument?> GetSourceDocumentAsync(string documentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> GetEntityDocumentIdsAsync(string entityId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> AddJudgementAsync(IdentityJudgement judgement, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> RevokeJudgementAsync(string judgementId, DateTimeOffset revokedAt, string revokedBy, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

internal static class Pipelines
{
    public static IngestionPipeline Create(RecordingStore store, KnowsExtractor extractor, IngestionOptions? options = null) =>
        new(new StrictTextReader(), extractor, store, options ?? new IngestionOptions(), TimeProvider.System, NullLogger<IngestionPipeline>.Instance);
}

/// <summary>A temporary folder that deletes itself.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string name = "corpus")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "relgraph-" + Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine; the OS temp cleaner takes it
        }
    }
}
