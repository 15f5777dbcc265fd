using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Sqlite;

/// <summary>
/// Writes a batch of documents per transaction on the store's single write connection. Commands are prepared
/// once and reused for every row and every document. A new document extends the totals of what it touched;
/// a changed one has them recounted set-based over the facts and entities it touched (collected in temp tables).
/// </summary>
internal sealed partial class DocumentWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, PendingEntity> _pending = new(StringComparer.Ordinal);
    private readonly List<(string EntityId, string DocumentId, int Count)> _pendingEntityDocuments = [];
    private readonly HashSet<(string EntityId, string Alias)> _aliasesWritten = [];

    // (entity, alias) pairs stored, or the entity's canonical name, as of this connection's last commit: most documents
    // repeat names the store already has, and each repeat would cost two index seeks.
    // Alias rows only ever go with their entity, so the set is forgotten when an entity is deleted, and when another
    // connection committed in between (PRAGMA data_version moved); it is capped to bound the memory it takes.
    private readonly HashSet<(string EntityId, string Alias)> _aliasesKnown = [];
    private const int MaxKnownAliases = 1 << 20;

    // The rank of the sample quote of each fact whose sample this connection chose, as of its last commit (and, for
    // the open transaction, written so far): a new document's upsert then picks the better of the stored sample and its
    // own best evidence without the seek on ix_evidence_fact_rank that finds the best of all the fact's evidence.
    // Forgotten when a document takes the general path (it deletes evidence and recounts) and when another connection
    // committed; capped like the aliases.
    private readonly Dictionary<string, SampleRank> _samplesKnown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SampleRank> _samplesWritten = new(StringComparer.Ordinal);
    private const int MaxKnownSamples = 1 << 20;
    private bool _samplesForgotten;
    private long _knownAtDataVersion = -1;
    private readonly DocumentMentions _documentMentions = new();

    internal const int KeptLogEntries = 4096;

    // a commit touching more ids than this logs none (a rebuild marker): listing a bulk batch would cost more than a rebuild saves
    internal const int MaxLoggedIds = 100_000;

    // and the kept rows hold at most this many bytes of ids, so large batches cannot grow the file by gigabytes
    internal const long MaxLoggedBytes = 64L << 20;


    /// <summary>
    /// The <c>index_log</c> entry of this writer's last commit that changed the graph, and the newest entry before it
    /// (another process's when it is not the one the path index last caught up to); (0, 0) when the commit changed nothing.
    /// </summary>
    public (long Seq, long Previous) LastLogged { get; private set; }

    /// <summary>Test hook: runs inside the transaction after each document is written; throwing from it must roll the transaction back.</summary>
    public Action<DocumentGraph>? BeforeCommit { get; set; }

    /// <summary>Test hook: false sends new documents down the general path too, to compare the two.</summary>
    public bool NewDocumentFastPath { get; set; } = true;

    /// <summary>Benchmark hook: false leaves out the <c>index_log</c> row of each <see cref="Apply(IReadOnlyList{DocumentGraph})"/>, to measure its cost.</summary>
    public bool WriteIndexLog { get; set; } = true;

    /// <summary>
    /// Applies the documents in order in one transaction and returns, for each, what changed and the delta for
    /// the path index. Any failure rolls every one of them back. Each document sees the ones before it, so
    /// a document given twice is applied, then found unchanged or updated, exactly as in separate transactions.
    /// </summary>
    public IReadOnlyList<(ApplyResult Result, PathIndexDelta Delta)> Apply(IReadOnlyList<DocumentGraph> batches)
    {
        LastLogged = (0, 0);
        // A bulk load relies on the remembered sample ranks: a fact whose rank is unknown is resolved by a seek on
        // ix_evidence_fact_rank, a scan of all evidence without it. Ranks are forgotten past their cap and when another
        // connection commits, so the load ends there (it has done most of its work by a million facts).
        if (BulkLoading && (_samplesForgotten || DataVersion() != _knownAtDataVersion))
        {
            EnsureSecondaryIndexes();
        }

        var selfContained = batches.Select(IsSelfContained).ToArray();
        if (NewDocumentFastPath && selfContained.All(contained => contained))
        {
            // Every document of the batch references only rows it writes itself (entities, facts, its own row), so
            // SQLite's lookup of each reference can only find what the writer just wrote, and is skipped. A document
            // already stored may need the general path, which deletes rows and relies on the checks and on ON DELETE
            // CASCADE: the batch is then rolled back and written again with them on. (The setting cannot change inside a transaction.)
            SetForeignKeys(false);
            try
            {
                return Apply(batches, selfContained, foreignKeysOff: true);
            }
            catch (ForeignKeysNeededException)
            {
            }
            finally
            {
                SetForeignKeys(true);
            }
        }

        // the general path finds rows through the secondary indexes: a bulk load ends here, this process's or another's
        EnsureSecondaryIndexes();
        return Apply(batches, selfContained, foreignKeysOff: false);
    }

    // Inside Apply's transaction, or outside any (then the command must not name a finished one).
    private long DataVersion(SqliteTransaction? transaction = null)
    {
        _dataVersion.Transaction = transaction;
        return Convert.ToInt64(_dataVersion.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<(ApplyResult Result, PathIndexDelta Delta)> Apply(IReadOnlyList<DocumentGraph> batches, bool[] selfContained, bool foreignKeysOff)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var command in _commands)
        {
            command.Transaction = transaction;
        }

        // references are checked at commit: a new document writes its evidence before the facts it extends (SQLite resets this at commit)
        using (var defer = _connection.CreateCommand())
        {
            defer.Transaction = transaction;
            defer.CommandText = "PRAGMA defer_foreign_keys = ON;";
            defer.ExecuteNonQuery();
        }

        _pending.Clear();
        _pendingEntityDocuments.Clear();
        _aliasesWritten.Clear();
        _samplesWritten.Clear();
        var dataVersion = DataVersion(transaction);
        if (dataVersion != _knownAtDataVersion)
        {
            _aliasesKnown.Clear();
            _samplesKnown.Clear();
        }

        var applied = new List<(ApplyResult, PathIndexDelta)>(batches.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            applied.Add(ApplyDocument(batches[i], selfContained[i], foreignKeysOff));
        }

        FlushPendingEntities();
        var logged = WriteIndexLog
            ? LogChanges(applied.Where(a => a.Item1.Outcome != ApplyOutcome.Unchanged).Select(a => a.Item1.DocumentId), applied.Select(a => a.Item2))
            : (0, 0);
        transaction.Commit();
        LastLogged = logged;

        // this connection's own commits leave data_version as it was
        if (_aliasesKnown.Count + _aliasesWritten.Count > MaxKnownAliases)
        {
            _aliasesKnown.Clear();
        }

        _aliasesKnown.UnionWith(_aliasesWritten);
        if (_samplesKnown.Count + _samplesWritten.Count > MaxKnownSamples)
        {
            _samplesKnown.Clear();
            _samplesForgotten = true;
        }

        foreach (var (factKey, rank) in _samplesWritten)
        {
            _samplesKnown[factKey] = rank;
        }

        _knownAtDataVersion = dataVersion;
        return applied;
    }

    /// <summary>
    /// Removes a document in one transaction, as the general path replaces one: its evidence and mentions go, what they
    /// touched is recounted from what remains, and facts and entities nothing supports any more are deleted.
    /// Null when the document is not stored.
    /// </summary>
    public (ApplyResult Result, PathIndexDelta Delta)? Remove(string documentId)
    {
        LastLogged = (0, 0);
        // asked first outside a transaction, so removing an unknown document does not end a bulk load
        _documentState.Transaction = null;
        if (ReadState(documentId) is null)
        {
            return null;
        }

        EnsureSecondaryIndexes();
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var command in _commands)
        {
            command.Transaction = transaction;
        }

        if (ReadState(documentId) is null)
        {
            return null;
        }

        // evidence is deleted, so remembered sample ranks may name quotes that are gone
        _samplesKnown.Clear();
        _samplesWritten.Clear();
        _clearTouched.ExecuteNonQuery();
        var oldEvidence = ReadStrings(_oldEvidence, ("$doc_id", documentId)).Count;
        Execute(_touchProvenance, ("$doc_id", documentId));
        Execute(_deleteDocument, ("$id", documentId));
        _recomputeFacts.ExecuteNonQuery();
        var deletedFacts = ReadStrings(_deleteFacts);
        _recountAllTouchedEntities.ExecuteNonQuery();
        var (deletedEntities, touchedFactCount, touchedEntityCount, delta) = FinishTouched(deletedFacts);
        var logged = LogChanges([documentId], [delta]);
        transaction.Commit();
        LastLogged = logged;

        var result = new ApplyResult(documentId, ApplyOutcome.Removed,
            Changes(touchedEntityCount, [], deletedEntities), Changes(touchedFactCount, [], deletedFacts), new ChangeCounts(0, 0, oldEvidence));
        return (result, delta);
    }

    private (ApplyResult Result, PathIndexDelta Delta) ApplyDocument(DocumentGraph batch, bool selfContained, bool foreignKeysOff)
    {
        var document = batch.Document;
        var stored = ReadState(document.Id);
        if (stored is not null && !batch.Reapply && stored.Value.Hash == document.ContentHash && stored.Value.Version == batch.ExtractorVersion)
        {
            return (new ApplyResult(document.Id, ApplyOutcome.Unchanged, ChangeCounts.None, ChangeCounts.None, ChangeCounts.None),
                new PathIndexDelta([], [], [], []));
        }

        if (stored is null && NewDocumentFastPath && selfContained)
        {
            return ApplyNewDocument(batch);
        }

        if (foreignKeysOff)
        {
            throw new ForeignKeysNeededException();
        }

        // the general path reads totals: the batch's pending work lands first; it deletes evidence, so sample ranks are unknown again
        FlushPendingEntities();
        _samplesKnown.Clear();
        _samplesWritten.Clear();
        _clearTouched.ExecuteNonQuery();
        var oldEvidence = ReadStrings(_oldEvidence, ("$doc_id", document.Id)).ToHashSet(StringComparer.Ordinal);
        Execute(_touchProvenance, ("$doc_id", document.Id));

        // the document's old rows are gone: only a record given twice could clash, and the later one wins
        var mentions = DistinctById(batch.Mentions, m => m.Id);
        var reportedAt = WriteDocument(batch, mentions);

        var newEntities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in batch.Entities)
        {
            if (WriteEntity(entity))
            {
                newEntities.Add(entity.Id);
            }
        }

        InsertEntityDocuments(DocumentMentions.PerEntity(mentions), document.Id);

        var newFacts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in batch.Facts)
        {
            if (Execute(_upsertFact, ("$fact_key", fact.FactKey), ("$type", fact.Type.ToWireName()), ("$subject_id", fact.SubjectId), ("$object_id", fact.ObjectId)) > 0)
            {
                newFacts.Add(fact.FactKey);
            }
        }

        var newEvidence = new HashSet<string>(StringComparer.Ordinal);
        foreach (var evidence in DistinctById(batch.Evidence, e => e.Id))
        {
            newEvidence.Add(evidence.Id);
            InsertEvidence(evidence, document.Id);
        }

        Execute(_touchBatch,
            ("$entity_ids", JsonSerializer.Serialize(batch.Entities.Select(e => e.Id).Concat(batch.Mentions.Select(m => m.EntityId)).ToList(), SqliteJson.Default.ListString)),
            ("$fact_keys", JsonSerializer.Serialize(batch.Facts.Select(f => f.FactKey).Concat(batch.Evidence.Select(e => e.FactKey)).ToList(), SqliteJson.Default.ListString)));

        // A new document can only add to totals, so they are extended; a changed one may have taken some
        // away (its old mentions and evidence are gone), so what it touched is recounted from what remains.
        if (stored is null)
        {
            Execute(_addFactTotals, ("$doc_id", document.Id), ("$reported_at", reportedAt));
        }
        else
        {
            _recomputeFacts.ExecuteNonQuery();
        }

        var deletedFacts = ReadStrings(_deleteFacts);
        if (stored is null)
        {
            Execute(_addEntityTotals, ("$doc_id", document.Id), ("$reported_at", reportedAt));
        }
        else
        {
            _recountAllTouchedEntities.ExecuteNonQuery();
        }

        var (deletedEntities, touchedFactCount, touchedEntityCount, delta) = FinishTouched(deletedFacts);
        BeforeCommit?.Invoke(batch);

        var result = new ApplyResult(
            document.Id,
            stored is null ? ApplyOutcome.Added : ApplyOutcome.Updated,
            Changes(touchedEntityCount, newEntities, deletedEntities),
            Changes(touchedFactCount, newFacts, deletedFacts),
            new ChangeCounts(
                newEvidence.Count(id => !oldEvidence.Contains(id)),
                newEvidence.Count(oldEvidence.Contains),
                oldEvidence.Count(id => !newEvidence.Contains(id))));
        return (result, delta);
    }

    // The general path's and a removal's last step, once the touched entities are queued for their recount: recounts
    // them, deletes those nothing supports any more, and reads what the path index must learn; clears the touched tables.
    private (List<string> DeletedEntities, int TouchedFacts, int TouchedEntities, PathIndexDelta Delta) FinishTouched(List<string> deletedFacts)
    {
        _recomputeEntities.ExecuteNonQuery();
        var deletedEntities = ReadStrings(_deleteEntities);
        if (deletedEntities.Count > 0)
        {
            // their aliases went with them: a later document naming one again writes its aliases again
            _aliasesWritten.Clear();
            _aliasesKnown.Clear();
        }

        var (touchedFactCount, touchedEntityCount) = ReadTouchedCounts();
        var delta = new PathIndexDelta(ReadTouchedEntities(), deletedEntities, ReadTouchedFacts(), deletedFacts);
        _clearTouched.ExecuteNonQuery();
        return (deletedEntities, touchedFactCount, touchedEntityCount, delta);
    }

    // Inside the commit's transaction: one index_log row naming what it changed, so the path index of another process on
    // this file can read those rows again (PathIndexSync); the oldest rows beyond the kept number go.
    private (long Seq, long Previous) LogChanges(IEnumerable<string> documentIds, IEnumerable<PathIndexDelta> deltas)
    {
        var entities = new HashSet<string>(StringComparer.Ordinal);
        var facts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var delta in deltas)
        {
            entities.UnionWith(delta.UpsertedEntities.Select(e => e.Id));
            entities.UnionWith(delta.RemovedEntityIds);
            facts.UnionWith(delta.UpsertedFacts.Select(f => f.FactKey));
            facts.UnionWith(delta.RemovedFactKeys);
        }

        var documents = documentIds.ToList();
        if (entities.Count == 0 && facts.Count == 0 && documents.Count == 0)
        {
            return (0, 0);
        }

        long previous;
        using (var reader = _logBounds.ExecuteReader())
        {
            reader.Read();
            previous = reader.GetInt64(0);
        }

        var listed = entities.Count + facts.Count + documents.Count <= MaxLoggedIds;
        var seq = Convert.ToInt64(ExecuteScalar(_logAppend,
            ("$entity_ids", listed ? JsonSerializer.Serialize(entities.ToList(), SqliteJson.Default.ListString) : null),
            ("$fact_keys", listed ? JsonSerializer.Serialize(facts.ToList(), SqliteJson.Default.ListString) : null),
            ("$doc_ids", listed ? JsonSerializer.Serialize(documents, SqliteJson.Default.ListString) : null)), CultureInfo.InvariantCulture);
        Execute(_logPrune, ("$seq", seq), ("$keep", KeptLogEntries), ("$max_bytes", MaxLoggedBytes));
        return (seq, previous);
    }

    // Touched records that existed before and survive were updated; new ones that survive were added;
    // new ones deleted in the same transaction (a fact without evidence) were never visible, so they count nowhere.
    private static ChangeCounts Changes(int touched, HashSet<string> created, List<string> deleted)
    {
        var createdThenDeleted = deleted.Count(created.Contains);
        var added = created.Count - createdThenDeleted;
        var removed = deleted.Count - createdThenDeleted;
        return new ChangeCounts(added, touched - created.Count - removed, removed);
    }

    private static string? Timestamp(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private void SetForeignKeys(bool on)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = on ? "PRAGMA foreign_keys = ON;" : "PRAGMA foreign_keys = OFF;";
        command.ExecuteNonQuery();
    }

    /// <summary>A document of a batch written without reference checks needs the general path: the batch is written again with them.</summary>
    private sealed class ForeignKeysNeededException : Exception;
}
