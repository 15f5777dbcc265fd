using System.Diagnostics;
using System.Globalization;
using RelationGraph.Bench.Synthetic;
using RelationGraph.Core.PathIndexing;

namespace RelationGraph.Bench.Paths;

/// <summary>
/// <c>bench paths --load incremental [--deltas 100000] [--delta-size 10]</c>: the cost of
/// <see cref="PathIndex.Apply"/> against <see cref="PathIndex.Build"/> of the same graph.
/// </summary>
/// <remarks>
/// Builds the whole graph once (the yardstick), then builds an index from all but the last
/// <c>deltas × delta-size</c> facts and applies those as deltas the way the writer sends them (each
/// fact with its two endpoint entities). Then a churn phase: deltas that each remove half a delta of
/// random live facts (hubs are hit in proportion to their degree) and add back as many removed earlier;
/// at the end every removed fact is back, so the index holds the generated graph again and the search
/// comparison that follows checks it against the reference.
/// </remarks>
internal static class IndexUpdateBenchmark
{
    public static PathIndex Run(SyntheticGraph graph, string[] keys, int deltas, int deltaSize, int seed)
    {
        var incremental = Math.Min(graph.FactCount, (long)deltas * deltaSize);
        var baseFacts = graph.FactCount - (int)incremental;
        deltas = (int)((incremental + deltaSize - 1) / deltaSize);

        var stopwatch = Stopwatch.StartNew();
        using (PathIndex.Build(graph.IndexedEntities(), Facts(graph, keys, 0, graph.FactCount), graph.EntityCount, graph.FactCount))
        {
        }

        var fullBuild = stopwatch.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full build of {graph.FactCount:N0} facts: {fullBuild.TotalSeconds:F2} s ({graph.FactCount / fullBuild.TotalSeconds / 1e6:F2} M facts/s)"));

        stopwatch.Restart();
        var index = PathIndex.Build(graph.IndexedEntities(), Facts(graph, keys, 0, baseFacts), graph.EntityCount, graph.FactCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"base build of {baseFacts:N0} facts: {stopwatch.Elapsed.TotalSeconds:F2} s"));

        var compactionsBefore = index.Compactions;
        var applying = TimeSpan.Zero;
        for (var start = baseFacts; start < graph.FactCount; start += deltaSize)
        {
            var delta = AddDelta(graph, keys, start, Math.Min(graph.FactCount, start + deltaSize));
            var started = Stopwatch.GetTimestamp();
            index.Apply(delta);
            applying += Stopwatch.GetElapsedTime(started);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"apply {deltas:N0} deltas of {deltaSize} new facts ({incremental:N0} facts): {applying.TotalSeconds:F2} s, {applying.TotalMicroseconds / deltas:F1} µs per delta, {incremental / applying.TotalSeconds / 1e6:F2} M facts/s ({incremental / applying.TotalSeconds / (graph.FactCount / fullBuild.TotalSeconds):F2}× the full build's rate); {index.Compactions - compactionsBefore} compactions"));

        Churn(index, graph, keys, Math.Max(1, deltas / 10), deltaSize, seed);
        return index;
    }

    private static void Churn(PathIndex index, SyntheticGraph graph, string[] keys, int deltas, int deltaSize, int seed)
    {
        var random = new Random(seed + 2);
        var removed = new List<int>();
        var removedSet = new HashSet<int>();
        var half = Math.Max(1, deltaSize / 2);
        var compactionsBefore = index.Compactions;
        var applying = TimeSpan.Zero;
        var changes = 0L;
        for (var d = 0; d <= deltas; d++)
        {
            var last = d == deltas;
            var removals = new List<string>();
            var readds = new List<int>();
            for (var i = 0; i < half && !last; i++)
            {
                var fact = random.Next(graph.FactCount);
                if (removedSet.Add(fact))
                {
                    removed.Add(fact);
                    removals.Add(keys[fact]);
                }
            }

            // facts removed in an earlier delta come back: the oldest first, all of them in the last delta
            var back = last ? removed.Count : Math.Min(half, removed.Count - removals.Count);
            for (var i = 0; i < back; i++)
            {
                readds.Add(removed[i]);
                removedSet.Remove(removed[i]);
            }

            removed.RemoveRange(0, back);
            var delta = new PathIndexDelta(
                [.. readds.SelectMany(f => new[] { Entity(graph, graph.Subjects[f]), Entity(graph, graph.Objects[f]) })],
                [],
                [.. readds.Select(f => Fact(graph, keys, f))],
                removals);
            changes += removals.Count + readds.Count;
            var started = Stopwatch.GetTimestamp();
            index.Apply(delta);
            applying += Stopwatch.GetElapsedTime(started);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"churn {deltas + 1:N0} deltas removing and re-adding random facts ({changes:N0} changes): {applying.TotalSeconds:F2} s, {applying.TotalMicroseconds / (deltas + 1):F1} µs per delta; {index.Compactions - compactionsBefore} compactions; {index.EdgeCount:N0} live edges"));
    }

    private static PathIndexDelta AddDelta(SyntheticGraph graph, string[] keys, int start, int end)
    {
        var entities = new List<IndexedEntity>((end - start) * 2);
        var facts = new List<IndexedFact>(end - start);
        for (var f = start; f < end; f++)
        {
            entities.Add(Entity(graph, graph.Subjects[f]));
            entities.Add(Entity(graph, graph.Objects[f]));
            facts.Add(Fact(graph, keys, f));
        }

        return new PathIndexDelta(entities, [], facts, []);
    }

    private static IndexedEntity Entity(SyntheticGraph graph, int entity) => new(graph.EntityId(entity), graph.Kinds[entity]);

    private static IndexedFact Fact(SyntheticGraph graph, string[] keys, int f) =>
        new(keys[f], graph.Types[f], graph.EntityId(graph.Subjects[f]), graph.EntityId(graph.Objects[f]), graph.Confidences[f], graph.DocCounts[f], graph.Reported(f));

    private static IEnumerable<IndexedFact> Facts(SyntheticGraph graph, string[] keys, int start, int end)
    {
        for (var f = start; f < end; f++)
        {
            yield return Fact(graph, keys, f);
        }
    }
}
