using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using RelationGraph.Bench.Synthetic;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Bench.Paths;

/// <summary>
/// <c>bench paths --entities 10000|100000|1000000 [--pairs 1000] [--load both|direct|sqlite|sqlite-bulk|incremental] [--db FILE] [--facts-per-doc 100] [--seed N] [--deltas 100000] [--delta-size 10] [--dump-paths FILE]</c>
/// </summary>
/// <remarks>
/// Generates a synthetic graph, builds the path index straight from the generator ("direct") and/or
/// loads it through <see cref="SqliteGraphStore.ApplyAsync"/> and rebuilds the index from SQLite at
/// start ("sqlite"), then times searches over seeded random pairs against <see cref="ReferenceBfs"/>.
/// Each measured operation is an <see cref="IPathTarget"/>, so a REST target can be added beside them.
/// </remarks>
internal static class PathBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: bench paths --entities N [--pairs 1000] [--load both|direct|sqlite|sqlite-bulk|incremental] [--db FILE] [--facts-per-doc 100] [--seed N] [--deltas 100000] [--delta-size 10] [--dump-paths FILE]");
            return 2;
        }

        Console.WriteLine($"paths benchmark: {options.Entities:N0} entities, {options.Pairs} pairs, load={options.Load}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var stopwatch = Stopwatch.StartNew();
        var graph = SyntheticGraph.Generate(options.Entities, options.Seed);
        _ = graph.EntityId(0);
        Console.WriteLine($"generated {graph.EntityCount:N0} entities, {graph.FactCount:N0} facts in {stopwatch.Elapsed.TotalSeconds:F1} s");

        var reference = ReferenceBfs.Build(graph.EntityCount, graph.Subjects, graph.Objects);
        var pairs = Pairs(graph, options.Pairs, options.Seed);
        var referenceTarget = new ReferenceTarget(reference);

        if (options.Load is "both" or "direct")
        {
            Console.WriteLine();
            Console.WriteLine("== index built straight from the generator");
            var keys = Enumerable.Range(0, graph.FactCount).Select(graph.FactKey).ToArray();
            var heapBefore = HeapBytes();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            stopwatch.Restart();
            var index = PathIndex.Build(graph.IndexedEntities(), Facts(graph, keys), graph.EntityCount, graph.FactCount);
            var build = stopwatch.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var heapAfter = HeapBytes();
            Console.WriteLine($"index build {build.TotalSeconds:F2} s (process CPU {cpu.TotalSeconds:F2} s); index heap ≈ {Mb(heapAfter - heapBefore)} (id strings shared with the generator excluded); GC heap {Mb(heapAfter)}; working set {Mb(Environment.WorkingSet)}");
            await CompareAsync(pairs, referenceTarget, [new IndexTarget("ours shortest k=1", index, PathMode.Shortest, 1), new IndexTarget("ours shortest k=3", index, PathMode.Shortest, 3), new IndexTarget("ours k-shortest k=3", index, PathMode.KShortest, 3)]);
            index.Dispose();
        }

        if (options.Load is "incremental")
        {
            Console.WriteLine();
            Console.WriteLine("== index built from part of the graph, the rest applied as deltas (see IndexUpdateBenchmark)");
            var keys = Enumerable.Range(0, graph.FactCount).Select(graph.FactKey).ToArray();
            using var index = IndexUpdateBenchmark.Run(graph, keys, options.Deltas, options.DeltaSize, options.Seed);
            await CompareAsync(pairs, referenceTarget, [new IndexTarget("ours shortest k=1", index, PathMode.Shortest, 1)]);
        }

        if (options.Load is "both" or "sqlite")
        {
            Console.WriteLine();
            Console.WriteLine("== loaded through SqliteGraphStore.ApplyAsync, index rebuilt from SQLite at start");
            await RunSqliteAsync(Release(ref graph), pairs, referenceTarget, options);
        }

        if (options.Load is "sqlite-bulk")
        {
            Console.WriteLine();
            Console.WriteLine("== entity and fact rows bulk-inserted into SQLite (see SqliteBulkLoad), index rebuilt from SQLite at start");
            await RunSqliteAsync(Release(ref graph), pairs, referenceTarget, options);
        }

        return 0;
    }

    private static async Task RunSqliteAsync(SyntheticGraph graph, IReadOnlyList<Pair> pairs, ReferenceTarget reference, BenchOptions options)
    {
        var path = options.Database ?? Path.Combine(Path.GetTempPath(), $"relgraph-bench-{Guid.NewGuid():N}.db");
        var storeOptions = Options.Create(new SqliteStoreOptions { Path = path });
        if (options.Load is "sqlite-bulk")
        {
            await SqliteBulkLoad.LoadAsync(graph, path);
        }
        else
        {
            await LoadDocumentsAsync(graph, storeOptions, options.FactsPerDocument, path);
        }

        // the generator is no longer needed: drop it so memory shows the store and its index only
        graph = null!;
        var heapBefore = HeapBytes();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var store = new SqliteGraphStore(storeOptions);
        await using (store)
        {
            await store.InitializeAsync();
            var build = stopwatch.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var heapAfter = HeapBytes();
            Console.WriteLine($"open + index build from SQLite {build.TotalSeconds:F2} s (process CPU {cpu.TotalSeconds:F2} s); index heap ≈ {Mb(heapAfter - heapBefore)}; GC heap {Mb(heapAfter)}; working set {Mb(Environment.WorkingSet)}");
            await CompareAsync(pairs, reference,
            [
                new IndexTarget("ours shortest k=1", store.Index, PathMode.Shortest, 1),
                new IndexTarget("ours shortest k=3", store.Index, PathMode.Shortest, 3),
                new IndexTarget("ours shortest k=3, every type allowed", store.Index, PathMode.Shortest, 3, EveryTypeAllowed),
                new StoreTarget("store.FindPathsAsync k=3 + evidence", store, PathMode.Shortest, 3),
            ]);
            if (options.DumpPaths is not null)
            {
                await DumpPathsAsync(store.Index, pairs, options.DumpPaths);
            }
        }

        if (options.Database is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    // Hands the generator over and forgets it here, so the SQLite run can let it be collected before measuring memory.
    private static SyntheticGraph Release(ref SyntheticGraph graph)
    {
        var released = graph;
        graph = null!;
        return released;
    }

    private static async Task LoadDocumentsAsync(SyntheticGraph graph, IOptions<SqliteStoreOptions> storeOptions, int factsPerDocument, string path)
    {
        var stopwatch = Stopwatch.StartNew();
        var documents = 0;
        var loader = new SqliteGraphStore(storeOptions);
        await using (loader)
        {
            await loader.InitializeAsync();
            var applying = TimeSpan.Zero;
            foreach (var chunk in graph.Documents(factsPerDocument).Chunk(64))
            {
                var applyStarted = Stopwatch.GetTimestamp();
                await loader.ApplyAsync(chunk);
                applying += Stopwatch.GetElapsedTime(applyStarted);
                documents += chunk.Length;
                if (documents % 4096 == 0)
                {
                    Console.WriteLine($"  loaded {documents:N0} documents, {stopwatch.Elapsed.TotalSeconds:F0} s");
                }
            }

            var counts = await loader.CountAsync();
            Console.WriteLine($"load {stopwatch.Elapsed.TotalSeconds:F1} s (in ApplyAsync {applying.TotalSeconds:F1} s, the rest generating documents): {documents:N0} documents → {counts.Entities:N0} entities, {counts.Facts:N0} facts, {counts.Evidence:N0} evidence, {counts.Mentions:N0} mentions ({documents / stopwatch.Elapsed.TotalSeconds:N0} docs/s); file {Mb(new FileInfo(path).Length)}");
        }

    }

    // Each target gets its own pass over all pairs (so no target warms the cache for another on the same
    // pair); three rounds with the order rotated spread a noisy neighbour on a shared machine over all of them.
    private static async Task CompareAsync(IReadOnlyList<Pair> pairs, ReferenceTarget reference, IReadOnlyList<IPathTarget> targets)
    {
        const int rounds = 3;
        IPathTarget[] all = [reference, .. targets];
        var times = all.Select(_ => new List<double>(pairs.Count * rounds)).ToArray();
        var allocated = new long[all.Length];
        var collections = new int[all.Length];
        var lengths = all.Select(_ => new int[pairs.Count]).ToArray();
        foreach (var target in all)
        {
            foreach (var pair in pairs)
            {
                await target.SearchAsync(pair);
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var o = 0; o < all.Length; o++)
            {
                var t = (o + round) % all.Length;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var collectionsBefore = GC.CollectionCount(0);
                for (var i = 0; i < pairs.Count; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    lengths[t][i] = await all[t].SearchAsync(pairs[i]);
                    times[t].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                allocated[t] += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                collections[t] += GC.CollectionCount(0) - collectionsBefore;
            }
        }

        var runs = Enumerable.Range(0, all.Length).Select(t => Summarise([.. times[t]], lengths[t])).ToArray();
        Console.WriteLine($"{"search (" + rounds + " rounds x " + pairs.Count + " pairs)",-38} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"mean ms",8} {"found",6}  ratio p50/p95/p99 vs reference");
        Print(reference.Name, runs[0], null);
        for (var t = 1; t < all.Length; t++)
        {
            Print(all[t].Name, runs[t], runs[0]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {allocated[t] / (double)(pairs.Count * rounds) / 1024:F1} KB allocated per search (this thread), {collections[t]} gen0 collections"));
            if (t == 1)
            {
                // the slowest pairs of the first target next to the reference's time for the same pair (last round)
                var last = (rounds - 1) * pairs.Count;
                var slowest = Enumerable.Range(0, pairs.Count).OrderByDescending(i => times[t][last + i]).Take(5)
                    .Select(i => string.Create(CultureInfo.InvariantCulture, $"{times[t][last + i]:F2}/{times[0][last + i]:F3} ms len {lengths[0][i]}"));
                Console.WriteLine($"  slowest pairs (ours/reference): {string.Join("; ", slowest)}");
            }

            var mismatches = Enumerable.Range(0, pairs.Count).Count(i => lengths[t][i] != lengths[0][i]);
            if (mismatches > 0)
            {
                Console.WriteLine($"  !! {mismatches} pairs where the shortest length differs from the reference");
            }
        }
    }

    // Every pair's answers (shortest k=1 and k=3, k-shortest k=3; then shortest k=3 and k-shortest k=3 with half the
    // types and a degree cap) as text, so two builds can be checked to answer alike.
    private static async Task DumpPathsAsync(PathIndex index, IReadOnlyList<Pair> pairs, string file)
    {
        var filtered = new PathFilter { Types = RelationTypes.All.Where((_, i) => i % 2 == 0).ToHashSet(), MaxDegree = 1000 };
        await using var writer = new StreamWriter(file);
        foreach (var pair in pairs)
        {
            foreach (var (mode, k, filter) in new[] { (PathMode.Shortest, 1, PathFilter.None), (PathMode.Shortest, 3, PathFilter.None), (PathMode.KShortest, 3, PathFilter.None), (PathMode.Shortest, 3, filtered), (PathMode.KShortest, 3, filtered) })
            {
                var request = new PathRequest { FromId = pair.FromId, ToId = pair.ToId, Mode = mode, K = k, MaxHops = PathRequest.MaxHopsLimit, Filter = filter };
                var result = index.FindPaths(request, TimeProvider.System, long.MaxValue);
                var paths = result.Paths.Select(p => string.Join(' ', p.NodeIds) + " : " + string.Join(' ', p.Hops.Select(h => h.FactKey + (h.Forward ? ">" : "<"))));
                await writer.WriteLineAsync($"{pair.FromId} {pair.ToId} {mode} k={k}{(filter == PathFilter.None ? "" : " filtered")}{(result.TimedOut ? " timed out" : "")} | {string.Join(" | ", paths)}");
            }
        }

        Console.WriteLine($"answers written to {file}");
    }

    // A filter every fact passes: the answers are the unfiltered ones, the time is the filtered search's (each edge's type checked).
    private static readonly PathFilter EveryTypeAllowed = new() { Types = RelationTypes.All.ToHashSet() };

    private static Run Summarise(double[] times, int[] lengths)
    {
        var sorted = times.Order().ToArray();
        return new Run(Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), times.Average(), lengths.Count(l => l > 0), lengths);
    }

    private static void Print(string name, Run run, Run? reference)
    {
        var ratios = reference is null
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"  {run.P50 / reference.P50:F2}× / {run.P95 / reference.P95:F2}× / {run.P99 / reference.P99:F2}×");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-38} {run.P50,8:F4} {run.P95,8:F4} {run.P99,8:F4} {run.Mean,8:F4} {run.Found,6}{ratios}"));
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    // Pairs of entities that have at least one fact, drawn with a fixed seed (the REST benchmark draws the same).
    internal static List<Pair> Pairs(SyntheticGraph graph, int count, int seed)
    {
        var degree = new int[graph.EntityCount];
        foreach (var s in graph.Subjects)
        {
            degree[s]++;
        }

        foreach (var o in graph.Objects)
        {
            degree[o]++;
        }

        var connected = Enumerable.Range(0, graph.EntityCount).Where(i => degree[i] > 0).ToArray();
        var random = new Random(seed + 1);
        var pairs = new List<Pair>(count);
        while (pairs.Count < count)
        {
            var a = connected[random.Next(connected.Length)];
            var b = connected[random.Next(connected.Length)];
            if (a != b)
            {
                pairs.Add(new Pair(a, b, graph.EntityId(a), graph.EntityId(b)));
            }
        }

        return pairs;
    }

    private static IEnumerable<IndexedFact> Facts(SyntheticGraph graph, string[] keys)
    {
        for (var f = 0; f < graph.FactCount; f++)
        {
            yield return new IndexedFact(keys[f], graph.Types[f], graph.EntityId(graph.Subjects[f]), graph.EntityId(graph.Objects[f]),
                graph.Confidences[f], graph.DocCounts[f], graph.Reported(f));
        }
    }

    private static long HeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F0} MB");

    private sealed record Run(double P50, double P95, double P99, double Mean, int Found, int[] Lengths);

    private sealed record BenchOptions(int Entities, int Pairs, string Load, string? Database, int FactsPerDocument, int Seed, int Deltas, int DeltaSize, string? DumpPaths)
    {
        public static BenchOptions? Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                values[args[i][2..]] = args[i + 1];
            }

            if (args.Length % 2 != 0)
            {
                return null;
            }

            var load = values.GetValueOrDefault("load", "both");
            if (load is not ("both" or "direct" or "sqlite" or "sqlite-bulk" or "incremental"))
            {
                return null;
            }

            return new BenchOptions(
                Int(values, "entities", 10_000),
                Int(values, "pairs", 1000),
                load,
                values.GetValueOrDefault("db"),
                Int(values, "facts-per-doc", 100),
                Int(values, "seed", 20261128),
                Math.Max(1, Int(values, "deltas", 100_000)),
                Math.Max(1, Int(values, "delta-size", 10)),
                values.GetValueOrDefault("dump-paths"));
        }

        private static int Int(Dictionary<string, string> values, string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
    }
}
