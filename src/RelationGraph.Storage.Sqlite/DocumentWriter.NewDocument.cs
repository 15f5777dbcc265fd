using System.Globalization;
using System.Text.Json;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Sqlite;

/// <summary>
/// The fast path for a document the store has never seen, the common case of a batch job: it can only add, so
/// each entity and fact it names is written once with its totals already extended (an upsert with RETURNING),
/// instead of being inserted, then touched, re-read and recounted by set statements as a changed document is.
/// </summary>
/// <remarks>
/// It gives exactly the rows, totals, outcome counts and index delta the general path gives (the write-path
/// tests recount every total from the rows after both). It takes only self-contained documents — every mention's
/// entity and every fact's endpoints among the document's entities, every evidence's fact among its facts — as
/// the extractors produce; anything else goes the general way.
/// </remarks>
internal sealed partial class DocumentWriter
{
    private static bool IsSelfContained(DocumentGraph batch)
    {
        var entityIds = new HashSet<string>(batch.Entities.Count, StringComparer.Ordinal);
        foreach (var entity in batch.Entities)
        {
            entityIds.Add(entity.Id);
        }

        var factKeys = new HashSet<string>(batch.Facts.Count, StringComparer.Ordinal);
        foreach (var fact in batch.Facts)
        {
            if (!entityIds.Contains(fact.SubjectId) || !entityIds.Contains(fact.ObjectId))
            {
                return false;
            }

            factKeys.Add(fact.FactKey);
        }

        return batch.Mentions.All(m => entityIds.Contains(m.EntityId)) && batch.Evidence.All(e => factKeys.Contains(e.FactKey));
    }

    private (ApplyResult Result, PathIndexDelta Delta) ApplyNewDocument(DocumentGraph batch)
    {
        var document = batch.Document;

        // what this document says, aggregated as the stored rows will be (a repeated id replaces the earlier row)
        var mentions = DistinctById(batch.Mentions, m => m.Id);
        var evidence = DistinctById(batch.Evidence, e => e.Id);
        var mentionsPerEntity = DocumentMentions.PerEntity(mentions);
        var reportedAt = WriteDocument(batch, mentions);

        var evidencePerFact = new Dictionary<string, FactEvidence>(StringComparer.Ordinal);
        foreach (var item in evidence)
        {
            evidencePerFact[item.FactKey] = evidencePerFact.TryGetValue(item.FactKey, out var sofar) ? sofar.With(item) : FactEvidence.Of(item);
        }

        // the first record of a fact key decides its endpoints, as INSERT OR IGNORE does on the general path
        var facts = new List<FactRecord>();
        var factKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in batch.Facts)
        {
            if (factKeys.Add(fact.FactKey))
            {
                facts.Add(fact);
            }
        }

        var supported = new HashSet<string>(mentionsPerEntity.Keys, StringComparer.Ordinal);
        foreach (var fact in facts.Where(f => evidencePerFact.ContainsKey(f.FactKey)))
        {
            supported.Add(fact.SubjectId);
            supported.Add(fact.ObjectId);
        }

        // entities: a new one is inserted once; every entity's totals are summed in memory and written once per batch
        var touchedEntities = new List<IndexedEntity>();
        var entitiesExisting = 0;
        var entitiesCreated = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in batch.Entities)
        {
            if (!seen.Add(entity.Id))
            {
                // a repeat: its attributes and names merge as on the general path; its mentions are already counted
                if (!dropped.Contains(entity.Id))
                {
                    _pending[entity.Id].Add(entity, 0, reportedAt);
                    InsertAliases(entity, entity.Aliases.Append(entity.Name));
                }

                continue;
            }

            var createdHere = false;
            if (!_pending.TryGetValue(entity.Id, out var pending))
            {
                if (ReadEntityState(entity.Id) is { } stored)
                {
                    pending = new PendingEntity(stored.Kind, stored.MentionCount);
                }
                else if (supported.Contains(entity.Id))
                {
                    InsertEntity(entity); // its totals start empty and are written with the batch's others
                    pending = new PendingEntity(entity.Kind, 0);
                    createdHere = true;
                }
                else
                {
                    dropped.Add(entity.Id); // nothing would keep it: the general path writes and deletes it unseen
                    continue;
                }

                _pending[entity.Id] = pending;
            }

            touchedEntities.Add(new IndexedEntity(entity.Id, pending.Kind));
            pending.Add(entity, mentionsPerEntity.GetValueOrDefault(entity.Id), reportedAt);
            if (createdHere)
            {
                entitiesCreated++;
                InsertAliases(entity, entity.Aliases);
            }
            else
            {
                entitiesExisting++;
                InsertAliases(entity, entity.Aliases.Append(entity.Name));
            }
        }

        foreach (var (entityId, count) in mentionsPerEntity)
        {
            _pendingEntityDocuments.Add((entityId, document.Id, count));
        }

        // evidence before facts, so a fact's sample quote is chosen among all its evidence (foreign keys are deferred to commit)
        foreach (var item in evidence)
        {
            InsertEvidence(item, document.Id);
        }

        var touchedFacts = new List<IndexedFact>();
        var factsExisting = 0;
        var factsCreated = 0;
        foreach (var fact in facts)
        {
            if (!evidencePerFact.TryGetValue(fact.FactKey, out var support))
            {
                // named without evidence here: an existing fact is touched but unchanged; a new one would be dropped unseen
                if (ReadFact(fact.FactKey) is { } unchanged)
                {
                    factsExisting++;
                    touchedFacts.Add(unchanged);
                }

                continue;
            }

            var written = UpsertFactTotals(fact, support, reportedAt, document.Id);
            touchedFacts.Add(written);
            if (written.DocCount == 1)
            {
                factsCreated++;
            }
            else
            {
                factsExisting++;
            }
        }

        BeforeCommit?.Invoke(batch);

        var result = new ApplyResult(
            document.Id,
            ApplyOutcome.Added,
            new ChangeCounts(entitiesCreated, entitiesExisting, 0),
            new ChangeCounts(factsCreated, factsExisting, 0),
            new ChangeCounts(evidence.Count, 0, 0));
        return (result, new PathIndexDelta(touchedEntities, [], touchedFacts, []));
    }

    private static List<T> DistinctById<T>(IReadOnlyList<T> records, Func<T, string> id)
    {
        var at = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        var distinct = new List<T>(records.Count);
        foreach (var record in records)
        {
            if (at.TryGetValue(id(record), out var index))
            {
                distinct[index] = record;
            }
            else
            {
                at[id(record)] = distinct.Count;
                distinct.Add(record);
            }
        }

        return distinct;
    }

    private (EntityKind Kind, int MentionCount)? ReadEntityState(string entityId)
    {
        return _entityState.Text("$id", entityId).ReadFirst<(EntityKind, int)?>(static row => (SqliteRows.Kind(row.GetString(0)), row.GetInt32(1)));
    }

    /// <summary>
    /// Writes the totals and attributes the batch's new documents gave their entities, one statement per entity,
    /// then recounts those no document mentions (counted through their facts' evidence, which is all written now).
    /// Runs before a document takes the general path (it reads totals) and before commit.
    /// </summary>
    private void FlushPendingEntities()
    {
        FlushPendingEntityDocuments();
        if (_pending.Count == 0)
        {
            return;
        }

        var recount = new List<string>();
        foreach (var (id, pending) in _pending)
        {
            if (pending.Mentions > 0 || pending.HasAttributes)
            {
                _extendEntity.Text("$id", id).Text("$amount", pending.Amount?.ToString(CultureInfo.InvariantCulture)).Text("$currency", pending.Currency)
                    .Integer("$year", pending.Year).Text("$status", pending.Status).Integer("$mention_count", pending.Mentions).Integer("$doc_count", pending.Documents)
                    .Text("$first_seen", pending.FirstSeen).Text("$last_seen", pending.LastSeen).Execute();
            }

            if (pending.StoredMentions + pending.Mentions == 0)
            {
                recount.Add(id);
            }
        }

        _pending.Clear();
        if (recount.Count > 0)
        {
            Execute(_queueRecount, ("$entity_ids", JsonSerializer.Serialize(recount, SqliteJson.Default.ListString)));
            _recomputeEntities.ExecuteNonQuery();
            _clearTouched.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Inserts the <c>entity_documents</c> rows of the batch's new documents in key order. The table is keyed by entity,
    /// so a document's rows go to as many scattered pages as it names entities; in key order, consecutive rows land
    /// on the same leaf page.
    /// </summary>
    private void FlushPendingEntityDocuments()
    {
        if (_pendingEntityDocuments.Count == 0)
        {
            return;
        }

        _pendingEntityDocuments.Sort(static (a, b) =>
            string.CompareOrdinal(a.EntityId, b.EntityId) is var byEntity and not 0 ? byEntity : string.CompareOrdinal(a.DocumentId, b.DocumentId));
        foreach (var (entityId, documentId, count) in _pendingEntityDocuments)
        {
            InsertEntityDocument(entityId, documentId, count);
        }

        _pendingEntityDocuments.Clear();
    }

    private IndexedFact UpsertFactTotals(FactRecord fact, FactEvidence support, string reportedAt, string documentId)
    {
        var best = new SampleRank(support.BestEvidence.Confidence, documentId);
        SampleRank? stored = _samplesWritten.TryGetValue(fact.FactKey, out var rank) || _samplesKnown.TryGetValue(fact.FactKey, out rank) ? rank : null;
        var choice = stored is not { } known ? 0 : best.Outranks(known) ? 2 : 1;
        var written = _upsertFactTotals.Text("$fact_key", fact.FactKey).Text("$type", fact.Type.ToWireName()).Text("$subject_id", fact.SubjectId)
            .Text("$object_id", fact.ObjectId).Real("$best", support.Best).Integer("$evidence_count", support.Count).Text("$reported_at", reportedAt)
            .Text("$sample_quote", support.BestEvidence.Quote).Integer("$sample_choice", choice)
            .Text("$single_extractor", support.Extractors.Count == 1 ? support.Extractors[0] : null)
            .Text("$extractors", support.Extractors.Count == 1 ? null : JsonSerializer.Serialize(support.Extractors, SqliteJson.Default.ListString))
            .ReadFirst(SqliteRows.IndexedFact);

        // a fact all of whose evidence is this document's has its best as sample; a known sample is kept or replaced
        if (written.DocCount == 1 || choice == 2)
        {
            _samplesWritten[fact.FactKey] = best;
        }
        else if (choice == 1)
        {
            _samplesWritten[fact.FactKey] = stored!.Value;
        }

        return written;
    }

    private IndexedFact? ReadFact(string factKey)
    {
        _factState.Parameters["$fact_key"].Value = factKey;
        using var reader = _factState.ExecuteReader();
        return reader.Read() ? SqliteRows.IndexedFact(reader) : null;
    }

    /// <summary>What the batch's new documents gave one entity so far: mentions, documents, reported times, latest attributes.</summary>
    private sealed class PendingEntity(EntityKind kind, int storedMentions)
    {
        public EntityKind Kind { get; } = kind;

        /// <summary>Mentions stored before this batch (0 for an entity it created).</summary>
        public int StoredMentions { get; } = storedMentions;

        public int Mentions { get; private set; }

        public int Documents { get; private set; }

        public string? FirstSeen { get; private set; }

        public string? LastSeen { get; private set; }

        public decimal? Amount { get; private set; }

        public string? Currency { get; private set; }

        public int? Year { get; private set; }

        public string? Status { get; private set; }

        public bool HasAttributes => Amount is not null || Currency is not null || Year is not null || Status is not null;

        // documents arrive in order, so a later document's attribute wins, as coalesce() per document gives
        public void Add(ExtractedEntity entity, int mentions, string reportedAt)
        {
            Amount = entity.Amount ?? Amount;
            Currency = entity.Currency ?? Currency;
            Year = entity.Year ?? Year;
            Status = entity.Status ?? Status;
            if (mentions > 0)
            {
                Mentions += mentions;
                Documents++;
                FirstSeen = FirstSeen is null || string.CompareOrdinal(reportedAt, FirstSeen) < 0 ? reportedAt : FirstSeen;
                LastSeen = LastSeen is null || string.CompareOrdinal(reportedAt, LastSeen) > 0 ? reportedAt : LastSeen;
            }
        }
    }

    /// <summary>
    /// Where a fact's sample quote ranks among its evidence, as <c>ix_evidence_fact_rank</c> orders it: confidence
    /// descending, then document id (SQLite's BINARY collation: UTF-8 byte order). Start and evidence id, the index's
    /// next keys, never decide: a document's best evidence is chosen in memory, and two ranks compared always come from
    /// different documents (a document written again takes the general path, which forgets the ranks). A struct, so
    /// the remembered ranks are entries of one table rather than objects of their own for the collector to trace.
    /// </summary>
    private readonly record struct SampleRank(double Confidence, string DocumentId)
    {
        public bool Outranks(SampleRank other) =>
            Confidence != other.Confidence ? Confidence > other.Confidence : CompareUtf8(DocumentId, other.DocumentId) < 0;

        // UTF-16 order differs from UTF-8 byte order only where a surrogate (a code point above U+FFFF) meets U+E000..U+FFFF
        private static int CompareUtf8(string a, string b)
        {
            var length = Math.Min(a.Length, b.Length);
            for (var i = 0; i < length; i++)
            {
                if (a[i] != b[i])
                {
                    return Utf8Weight(a[i]).CompareTo(Utf8Weight(b[i]));
                }
            }

            return a.Length.CompareTo(b.Length);
        }

        private static int Utf8Weight(char c) => char.IsSurrogate(c) ? c + 0x10000 : c;
    }

    /// <summary>One document's evidence for one fact: how many rows, the best confidence, and the extractors, sorted.</summary>
    private sealed record FactEvidence(int Count, double Best, EvidenceRecord BestEvidence, List<string> Extractors)
    {
        public static FactEvidence Of(EvidenceRecord evidence) => new(1, evidence.Confidence, evidence, [evidence.Extractor]);

        public FactEvidence With(EvidenceRecord evidence)
        {
            var extractors = Extractors;
            var at = extractors.BinarySearch(evidence.Extractor, StringComparer.Ordinal);
            if (at < 0)
            {
                extractors.Insert(~at, evidence.Extractor);
            }

            // ranked as ix_evidence_fact_rank orders a fact's evidence: confidence, then (one document) start, then id
            var better = evidence.Confidence != BestEvidence.Confidence
                ? evidence.Confidence > BestEvidence.Confidence
                : evidence.Start != BestEvidence.Start ? evidence.Start < BestEvidence.Start : string.CompareOrdinal(evidence.Id, BestEvidence.Id) < 0;
            return new FactEvidence(Count + 1, Math.Max(Best, evidence.Confidence), better ? evidence : BestEvidence, extractors);
        }
    }
}
