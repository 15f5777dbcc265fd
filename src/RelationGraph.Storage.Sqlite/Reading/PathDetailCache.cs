using RelationGraph.Core.PathIndexing;
using System.Numerics;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Sqlite.Reading;

/// <summary>A fact as a path hop shows it: its totals and its best evidence, ranked as <c>top-evidence-by-fact.sql</c> ranks it.</summary>
/// <param name="Fact">The fact with its totals.</param>
/// <param name="TopEvidence">Its best evidence, best first.</param>
/// <param name="HasAllEvidence">True when <paramref name="TopEvidence"/> is all the evidence the fact has.</param>
internal sealed record CachedFact(FactSummary Fact, IReadOnlyList<EvidenceView> TopEvidence, bool HasAllEvidence)
{
    /// <summary>The best <paramref name="count"/> pieces of evidence, or null when more are wanted than are held.</summary>
    public IReadOnlyList<EvidenceView>? Evidence(int count)
    {
        if (TopEvidence.Count <= count)
        {
            return TopEvidence.Count == count || HasAllEvidence ? TopEvidence : null;
        }

        return [.. TopEvidence.Take(count)];
    }
}

/// <summary>A document as an evidence quote names it.</summary>
/// <param name="Title">The document's title, if it has one.</param>
/// <param name="SourceUri">Where the document came from.</param>
internal sealed record DocumentLabel(string? Title, string SourceUri);

/// <summary>
/// What path answers read from SQLite besides the search itself (entity summaries, fact totals and the best
/// evidence per fact, the titles and sources of the documents quoted), held in memory so a repeated hop costs
/// no query. Bounded by entry counts.
/// </summary>
/// <remarks>
/// <para>
/// An entry is kept the second time it is read from SQLite, not the first (a "doorkeeper": one bit per hashed key,
/// cleared after about as many keys as the caches hold). A workload of new questions otherwise replaces the
/// whole cache every few thousand requests: each insert evicts an entry the GC has long promoted, so the old
/// generation fills with garbage faster than it is collected, and the entries evicted are rarely asked for again.
/// Hops that recur (hubs, repeated questions) are kept from their second read on. Document labels are kept from their first read:
/// documents are few next to the quotes that name them.
/// </para>
/// <para>
/// Kept correct by the write path: after each commit the store hands it the document's
/// <see cref="PathIndexDelta"/>, which lists every entity and fact the document touched (its old and new
/// mentions and evidence), and those entries are dropped. A read that began before such a write may carry
/// the old values, so a fill is kept only when no write has been applied since the reader took its
/// <see cref="Generation"/> (checked under the same lock the invalidation holds). Other processes' commits
/// reach it, as they reach the path index, through the store's <c>index_log</c> catch-up before each read that uses it.
/// </para>
/// </remarks>
internal sealed class PathDetailCache
{
    private readonly Lock _gate = new();
    private readonly ulong[] _readOnce;
    private readonly int _readOnceLimit;
    private int _readOnceCount;
    private long _generation;

    public PathDetailCache(int entityCapacity, int factCapacity, int evidencePerFact, int documentCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evidencePerFact);
        Entities = new BoundedCache<string, EntitySummary>(entityCapacity, StringComparer.Ordinal);
        Facts = new BoundedCache<string, CachedFact>(factCapacity, StringComparer.Ordinal);
        Documents = new BoundedCache<string, DocumentLabel>(documentCapacity, StringComparer.Ordinal);
        EvidencePerFact = evidencePerFact;

        // 8 bits per key it may hold before clearing: a key never read passes as "read once" about 1 time in 8
        _readOnceLimit = Math.Max(512, entityCapacity + factCapacity);
        _readOnce = new ulong[(int)BitOperations.RoundUpToPowerOf2((uint)_readOnceLimit * 8 / 64)];
    }

    public BoundedCache<string, EntitySummary> Entities { get; }

    public BoundedCache<string, CachedFact> Facts { get; }

    public BoundedCache<string, DocumentLabel> Documents { get; }

    /// <summary>Evidence read per fact on a miss when a request wants fewer, so later requests for up to this many hit.</summary>
    public int EvidencePerFact { get; }

    /// <summary>Take before a read whose results will be offered to <see cref="Fill"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Keeps what a read found unless a write was applied after <paramref name="generation"/> was taken.</summary>
    public void Fill(long generation, IEnumerable<EntitySummary> entities, IEnumerable<CachedFact> facts,
        IEnumerable<KeyValuePair<string, DocumentLabel>>? documents = null)
    {
        lock (_gate)
        {
            if (_generation != generation)
            {
                return;
            }

            foreach (var entity in entities)
            {
                if (Entities.Capacity > 0 && ReadBefore(entity.Id))
                {
                    Entities.Set(entity.Id, entity);
                }
            }

            foreach (var fact in facts)
            {
                if (Facts.Capacity > 0 && ReadBefore(fact.Fact.FactKey))
                {
                    Facts.Set(fact.Fact.FactKey, fact);
                }
            }

            foreach (var (id, label) in documents ?? [])
            {
                Documents.Set(id, label);
            }
        }
    }

    // FNV-1a over the key's characters, then mixed (MurmurHash3's finaliser) so the low bits used as the index are well
    // spread: the same bit in every process. String hashes are randomised per process, so which keys shared a bit, and
    // what the cache kept, changed from run to run (a test of two keys failed about once in 4,096 runs).
    private static uint KeyHash(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        return hash ^ (hash >> 16);
    }

    // Under _gate. True when the key was read before (or shares its bit with one that was); otherwise marks it.
    private bool ReadBefore(string key)
    {
        var bit = KeyHash(key) & (uint)((_readOnce.Length * 64) - 1);
        ref var word = ref _readOnce[bit >> 6];
        var mask = 1UL << (int)(bit & 63);
        if ((word & mask) != 0)
        {
            return true;
        }

        if (++_readOnceCount > _readOnceLimit)
        {
            Array.Clear(_readOnce);
            _readOnceCount = 1;
        }

        word |= mask;
        return false;
    }

    /// <summary>Drops everything a committed write touched. Call after the commit, before the write returns.</summary>
    /// <param name="delta">The entities and facts the write touched.</param>
    /// <param name="documentId">The document written, whose title or source may have changed.</param>
    public void Invalidate(PathIndexDelta delta, string? documentId = null) =>
        Invalidate(delta, documentId is null ? [] : [documentId]);

    /// <summary>Drops everything the writes in <paramref name="delta"/> touched, and the labels of <paramref name="documentIds"/>.</summary>
    public void Invalidate(PathIndexDelta delta, IReadOnlyCollection<string> documentIds)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var documentId in documentIds)
            {
                Documents.Remove(documentId);
            }

            foreach (var entity in delta.UpsertedEntities)
            {
                Entities.Remove(entity.Id);
            }

            foreach (var id in delta.RemovedEntityIds)
            {
                Entities.Remove(id);
            }

            foreach (var fact in delta.UpsertedFacts)
            {
                Facts.Remove(fact.FactKey);
            }

            foreach (var key in delta.RemovedFactKeys)
            {
                Facts.Remove(key);
            }
        }
    }

    /// <summary>Drops everything (another process changed more than its change log lists).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _generation++;
            Entities.Clear();
            Facts.Clear();
            Documents.Clear();
        }
    }
}
