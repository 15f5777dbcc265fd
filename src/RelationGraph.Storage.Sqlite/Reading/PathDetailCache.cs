using RelationGraph.Core.Paths;
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

/// <summary>
/// What path answers read from SQLite besides the search itself (entity summaries, fact totals and the best
/// evidence per fact), held in memory so a repeated hop costs no query. Bounded by entry counts.
/// </summary>
/// <remarks>
/// Kept correct by the write path: after each commit the store hands it the document's
/// <see cref="PathIndexDelta"/>, which lists every entity and fact the document touched (its old and new
/// mentions and evidence), and those entries are dropped. A read that began before such a write may carry
/// the old values, so a fill is kept only when no write has been applied since the reader took its
/// <see cref="Generation"/> (checked under the same lock the invalidation holds). Assumes this store is the
/// only writer of its database, as the path index does.
/// </remarks>
internal sealed class PathDetailCache
{
    private readonly Lock _gate = new();
    private long _generation;

    public PathDetailCache(int entityCapacity, int factCapacity, int evidencePerFact)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evidencePerFact);
        Entities = new BoundedCache<string, EntitySummary>(entityCapacity, StringComparer.Ordinal);
        Facts = new BoundedCache<string, CachedFact>(factCapacity, StringComparer.Ordinal);
        EvidencePerFact = evidencePerFact;
    }

    public BoundedCache<string, EntitySummary> Entities { get; }

    public BoundedCache<string, CachedFact> Facts { get; }

    /// <summary>Evidence read per fact on a miss when a request wants fewer, so later requests for up to this many hit.</summary>
    public int EvidencePerFact { get; }

    /// <summary>Take before a read whose results will be offered to <see cref="Fill"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Keeps what a read found unless a write was applied after <paramref name="generation"/> was taken.</summary>
    public void Fill(long generation, IEnumerable<EntitySummary> entities, IEnumerable<CachedFact> facts)
    {
        lock (_gate)
        {
            if (_generation != generation)
            {
                return;
            }

            foreach (var entity in entities)
            {
                Entities.Set(entity.Id, entity);
            }

            foreach (var fact in facts)
            {
                Facts.Set(fact.Fact.FactKey, fact);
            }
        }
    }

    /// <summary>Drops everything a committed write touched. Call after the commit, before the write returns.</summary>
    public void Invalidate(PathIndexDelta delta)
    {
        lock (_gate)
        {
            _generation++;
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
}
