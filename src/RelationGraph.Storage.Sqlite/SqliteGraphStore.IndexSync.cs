using System.Diagnostics;
using System.Text.Json;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Storage.Sqlite.Reading;

namespace RelationGraph.Storage.Sqlite;

// Keeps the in-memory path index (and the detail cache) current with commits made by other processes on the same file
// (`relgraph ingest`, `watch` or `remove` beside the API). Every commit that changes the graph writes an index_log row
// naming the entities, facts and documents it touched (DocumentWriter.LogChanges); a store whose index is behind the
// newest row reads those ids' rows again and applies them, or rebuilds when the log no longer reaches back far enough.
public sealed partial class SqliteGraphStore
{
    // The newest index_log entry the path index reflects. Written inside the write gate only.
    private long _indexSeq;

    /// <summary>Test hook: counts full index rebuilds after other processes' writes.</summary>
    internal int IndexRebuilds { get; private set; }

    // Before a read that uses the index or the detail cache: one cheap lookup, and a catch-up only when another process
    // committed since the last one. The catch-up takes the write gate, so it cannot interleave with this process's writes.
    private async ValueTask SyncIndexAsync(CancellationToken cancellationToken)
    {
        var latest = await ReadAsync((session, _) => Task.FromResult(LogBounds(session).Latest), cancellationToken);
        if (latest == Volatile.Read(ref _indexSeq))
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpIndexAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // Inside the write gate, after this store's own commit and its delta: when nothing else committed in between, the
    // index is at that commit; otherwise the other process's entries (and this one, harmlessly) are replayed.
    private async Task AfterOwnCommitAsync((long Seq, long Previous) logged, CancellationToken cancellationToken)
    {
        if (logged.Seq == 0)
        {
            return;
        }

        if (logged.Previous == _indexSeq)
        {
            Volatile.Write(ref _indexSeq, logged.Seq);
            return;
        }

        await CatchUpIndexAsync(cancellationToken);
    }

    // Inside the write gate. The log entries and the rows they name are read in one snapshot, so the facts applied
    // find their entities; a commit after the snapshot has a later entry, read at the next catch-up.
    private async Task CatchUpIndexAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var from = _indexSeq;
        var change = await ReadUninitializedAsync((session, ct) => Task.FromResult(ReadChanges(session, from, ct)), cancellationToken);
        if (change is null)
        {
            return;
        }

        if (change.Rebuild)
        {
            // the newest entry is read before the build: anything committed during it has a later entry and is replayed next time
            var rebuilt = await BuildIndexAsync(cancellationToken);
            // the old index is not disposed: a search that started on it may still be running (it is left to the GC)
            _index = rebuilt;
            _cache.Clear();
            IndexRebuilds++;
            _logger.IndexRebuiltForOtherWriters(from, change.Latest, rebuilt.NodeCount, rebuilt.EdgeCount, stopwatch.ElapsedMilliseconds);
        }
        else
        {
            _index.Apply(change.Delta);
            _cache.Invalidate(change.Delta, change.DocumentIds);
            _logger.IndexCaughtUp(from, change.Latest, change.Delta.UpsertedEntities.Count + change.Delta.RemovedEntityIds.Count,
                change.Delta.UpsertedFacts.Count + change.Delta.RemovedFactKeys.Count, stopwatch.ElapsedMilliseconds);
        }

        Volatile.Write(ref _indexSeq, change.Latest);
    }

    private sealed record IndexChange(long Latest, bool Rebuild, PathIndexDelta Delta, IReadOnlyCollection<string> DocumentIds);

    private static IndexChange? ReadChanges(ReadSession session, long from, CancellationToken cancellationToken)
    {
        using var snapshot = session.BeginSnapshot();
        var (latest, oldest) = LogBounds(session);
        if (latest == from)
        {
            return null;
        }

        var empty = new PathIndexDelta([], [], [], []);
        // behind the oldest entry kept, or a log that went back (the file was replaced): only a rebuild is right
        if (latest < from || oldest > from + 1)
        {
            return new IndexChange(latest, true, empty, []);
        }

        var entityIds = new HashSet<string>(StringComparer.Ordinal);
        var factKeys = new HashSet<string>(StringComparer.Ordinal);
        var documentIds = new HashSet<string>(StringComparer.Ordinal);
        var command = session.Command("index-log-since.sql", [("$after", from), ("$upto", latest)]);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.IsDBNull(1) || reader.IsDBNull(2) || reader.IsDBNull(3))
                {
                    return new IndexChange(latest, true, empty, []);
                }

                entityIds.UnionWith(Strings(reader.GetString(1)));
                factKeys.UnionWith(Strings(reader.GetString(2)));
                documentIds.UnionWith(Strings(reader.GetString(3)));
            }
        }

        var facts = Query(session, "index-facts-by-keys.sql", [("$keys", JsonArray(factKeys))], SqliteRows.IndexedFact, cancellationToken);
        // a fact's endpoints are applied with it: the index needs both nodes, and a node it lacks may predate the entries read
        foreach (var fact in facts)
        {
            entityIds.Add(fact.SubjectId);
            entityIds.Add(fact.ObjectId);
        }

        var entities = Query(session, "index-entities-by-ids.sql", [("$ids", JsonArray(entityIds))], SqliteRows.IndexedEntity, cancellationToken);
        var removedEntities = entityIds.Except(entities.Select(e => e.Id), StringComparer.Ordinal).ToList();
        var removedFacts = factKeys.Except(facts.Select(f => f.FactKey), StringComparer.Ordinal).ToList();
        return new IndexChange(latest, false, new PathIndexDelta(entities, removedEntities, facts, removedFacts), documentIds);
    }

    private static (long Latest, long Oldest) LogBounds(ReadSession session)
    {
        using var reader = session.Command("index-log-bounds.sql", []).ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static List<string> Strings(string json) => JsonSerializer.Deserialize(json, SqliteJson.Default.ListString) ?? [];
}
