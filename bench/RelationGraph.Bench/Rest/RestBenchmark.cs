using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using RelationGraph.Bench.Paths;
using RelationGraph.Bench.Synthetic;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// <c>bench rest --entities N [--pairs 1000] [--concurrency 16,64] [--load-pairs N] [--requests 20000] [--seconds 15] [--db FILE] [--api-dll FILE] [--api-env NAME=VALUE,...] [--seed N]</c>
/// </summary>
/// <remarks>
/// Loads the synthetic graph through <see cref="SqliteGraphStore.ApplyAsync"/>, starts the real API host on
/// 127.0.0.1 over that file, then measures (1) sequential path latency through <c>GET /api/paths</c> with
/// evidence beside the store and index called in-process and the reference BFS, all on the same pairs,
/// (2) throughput and latency with N concurrent clients, and (3) the server's memory after the load.
/// </remarks>
internal static class RestBenchmark
{
    private const int Rounds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = RestOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: bench rest --entities N [--pairs 1000] [--concurrency 16,64] [--load-pairs N] [--requests 20000] [--seconds 15] [--db FILE] [--api-dll FILE] [--api-env NAME=VALUE,...] [--seed N]");
            return 2;
        }

        Console.WriteLine($"rest benchmark: {options.Entities:N0} entities, {options.Pairs} pairs, concurrency {string.Join("/", options.Concurrency)}, " +
            $"≤{options.Requests:N0} requests or ≤{options.Seconds} s per load run, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        if (options.ApiEnvironment.Count > 0)
        {
            Console.WriteLine($"API environment: {string.Join(", ", options.ApiEnvironment.Select(e => $"{e.Key}={e.Value}"))}");
        }

        var stopwatch = Stopwatch.StartNew();
        var graph = SyntheticGraph.Generate(options.Entities, options.Seed);
        Console.WriteLine($"generated {graph.EntityCount:N0} entities, {graph.FactCount:N0} facts in {stopwatch.Elapsed.TotalSeconds:F1} s");
        var reference = new ReferenceTarget(ReferenceBfs.Build(graph.EntityCount, graph.Subjects, graph.Objects));
        var pairs = PathBenchmark.Pairs(graph, options.Pairs, options.Seed);

        // by default the load replays the sequential pairs, whose details the server has cached by then; fresh pairs
        // (another seed, never asked before) show what a workload that keeps asking new questions gets
        var loadPairs = options.LoadPairs is { } fresh ? PathBenchmark.Pairs(graph, fresh, options.Seed + 1) : pairs;

        var databasePath = options.Database ?? Path.Combine(Path.GetTempPath(), $"relgraph-restbench-{Guid.NewGuid():N}.db");
        try
        {
            if (File.Exists(databasePath))
            {
                Console.WriteLine($"reusing {databasePath} ({Mb(new FileInfo(databasePath).Length)}); it must hold this --entities/--seed graph");
            }
            else
            {
                await LoadAsync(graph, databasePath);
            }

            graph = null!; // only the pairs and the reference are needed from here on
            await MeasureAsync(options, databasePath, pairs, loadPairs, reference);
        }
        finally
        {
            if (options.Database is null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }

        return 0;
    }

    private static async Task LoadAsync(SyntheticGraph graph, string databasePath)
    {
        var stopwatch = Stopwatch.StartNew();
        var documents = 0;
        var loader = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = databasePath }));
        await using (loader)
        {
            await loader.InitializeAsync();
            foreach (var chunk in graph.Documents().Chunk(64))
            {
                await loader.ApplyAsync(chunk);
                documents += chunk.Length;
                if (documents % 8192 == 0)
                {
                    Console.WriteLine($"  loaded {documents:N0} documents, {stopwatch.Elapsed.TotalSeconds:F0} s");
                }
            }

            var counts = await loader.CountAsync();
            Console.WriteLine($"loaded through SqliteGraphStore.ApplyAsync in {stopwatch.Elapsed.TotalSeconds:F1} s: {documents:N0} documents → " +
                $"{counts.Entities:N0} entities, {counts.Facts:N0} facts, {counts.Evidence:N0} evidence; file {Mb(new FileInfo(databasePath).Length)}");
        }
    }

    private static async Task MeasureAsync(RestOptions options, string databasePath, List<Pair> pairs, List<Pair> loadPairs, ReferenceTarget reference)
    {
        var stopwatch = Stopwatch.StartNew();
        var store = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = databasePath }));
        await using (store)
        {
            await store.InitializeAsync();
            Console.WriteLine($"in-process store opened, index built in {stopwatch.Elapsed.TotalSeconds:F1} s");

            stopwatch.Restart();
            var server = await ApiServer.StartAsync(options.ApiDll ?? ApiServer.DefaultDllPath(), databasePath, TimeSpan.FromMinutes(15), options.ApiEnvironment);
            await using (server)
            {
                var idle = server.Sample();
                Console.WriteLine($"API host pid {server.ProcessId} ready on {server.BaseAddress} in {stopwatch.Elapsed.TotalSeconds:F1} s " +
                    $"(process start + index build + Kestrel); working set idle {Mb(idle.WorkingSet)}");

                using var sequentialClient = new HttpClient(Handler(1)) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                var rest = new RestPathTarget(sequentialClient);
                var search = new IndexTarget($"search alone (index) k={RestPathTarget.K}", store.Index, PathMode.Shortest, RestPathTarget.K);
                var storeCall = new StoreTarget($"store.FindPathsAsync k={RestPathTarget.K} + evidence", store, PathMode.Shortest, RestPathTarget.K);
                var resolve = new ResolveTarget(store);
                var floor = new HttpFloorTarget(sequentialClient);
                var json = await JsonSerializeTarget.CreateAsync(store, pairs, RestPathTarget.K);

                // the first four answer the path query; the rest are parts of the endpoint's work timed alone
                IPathTarget[] targets =
                [
                    reference, search, storeCall, rest,
                    resolve, floor, json,
                    .. SqlQueryTargets.Create(databasePath, store.Index, pairs, RestPathTarget.K, new PathRequest { FromId = "", ToId = "" }.EvidencePerHop),
                ];
                var runs = await SequentialAsync(pairs, targets);
                Console.WriteLine();
                Console.WriteLine($"== sequential, one client, {Rounds} rounds x {pairs.Count} pairs (maxHops={PathRequest.MaxHopsLimit}, shortest, k={RestPathTarget.K}); " +
                    $"REST time = request sent → body read and JSON parsed; mean response {rest.ResponseBytes / Math.Max(1, rest.Responses):N0} bytes");
                Console.WriteLine($"{"target",-46} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"mean ms",8} {"found",6}  p50/p95/p99 vs reference");
                for (var t = 0; t < targets.Length; t++)
                {
                    Print(targets[t].Name, runs[t], t == 0 ? null : runs[0]);
                    if (t > Array.IndexOf(targets, rest))
                    {
                        continue; // the targets after REST are parts of the endpoint's work timed alone; they find no path
                    }

                    var mismatches = Enumerable.Range(0, pairs.Count).Count(i => runs[t].Lengths[i] != runs[0].Lengths[i]);
                    if (mismatches > 0)
                    {
                        Console.WriteLine($"  !! {mismatches} pairs where the shortest length differs from the reference");
                    }
                }

                var loads = new List<(LoadResult Result, TimeSpan ServerCpu, TimeSpan BenchCpu)>();
                foreach (var concurrency in options.Concurrency)
                {
                    using var loadClient = new HttpClient(Handler(concurrency)) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                    var serverCpuBefore = server.Sample().Cpu;
                    var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    Console.WriteLine($"load run, {concurrency} clients: load average before {LoadAverage()}");
                    var result = await LoadRun.RunAsync(loadClient, loadPairs, concurrency, options.Requests, TimeSpan.FromSeconds(options.Seconds));
                    loads.Add((result, server.Sample().Cpu - serverCpuBefore, Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore));
                }

                var after = server.Sample();
                Console.WriteLine();
                Console.WriteLine(ReferenceEquals(loadPairs, pairs)
                    ? $"== load over the {pairs.Count} sequential pairs (asked before: the server's path-detail cache is warm for them)"
                    : $"== load over {loadPairs.Count} fresh pairs (another seed; a pair is asked again only after all {loadPairs.Count})");
                Console.WriteLine($"== load: closed loop, N clients on 127.0.0.1; the load generator shares the {Environment.ProcessorCount} cores with the server " +
                    "(see its CPU column), so these are lower bounds for a server with the machine to itself; " +
                    "server CPU/req is what bounds throughput: 2 cores / CPU per request is the ceiling");
                Console.WriteLine($"{"clients",7} {"done",7} {"errors",6} {"secs",6} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"server CPU",10} {"CPU/req",8} {"client CPU",10}");
                foreach (var (result, serverCpu, benchCpu) in loads)
                {
                    var sorted = result.SortedLatenciesMs;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{result.Concurrency,7} {result.Completed,7} {result.Errors,6} {result.Elapsed.TotalSeconds,6:F1} {result.RequestsPerSecond,8:F0} " +
                        $"{Percentile(sorted, 0.50),8:F3} {Percentile(sorted, 0.95),8:F3} {Percentile(sorted, 0.99),8:F3} {(sorted.Length > 0 ? sorted[^1] : double.NaN),8:F3} " +
                        $"{serverCpu.TotalSeconds,9:F1}s {serverCpu.TotalMilliseconds / Math.Max(1, result.Completed + result.Errors),6:F2}ms {benchCpu.TotalSeconds,9:F1}s"));
                    if (result.FirstError is not null)
                    {
                        Console.WriteLine($"  first error: {result.FirstError}");
                    }
                }

                Console.WriteLine();
                Console.WriteLine($"load average after the load runs: {LoadAverage()} (other processes on the machine count too)");
                Console.WriteLine($"server memory: working set idle {Mb(idle.WorkingSet)}, after load {Mb(after.WorkingSet)}, peak {Mb(after.PeakWorkingSet)}");
                Run Of(IPathTarget target) => runs[Array.IndexOf(targets, target)];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"REST p50 split (p50s do not add exactly): resolve both ends {Of(resolve).P50:F3} ms + store call {Of(storeCall).P50:F3} ms " +
                    $"(of which index search {Of(search).P50:F3} ms) + HTTP round trip (floor {Of(floor).P50:F3} ms), routing, validation, JSON (serialise alone {Of(json).P50:F3} ms) " +
                    $"≈ {Of(rest).P50 - Of(resolve).P50 - Of(storeCall).P50:F3} ms"));
                var bestLoad = loads.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; best throughput {loads.Max(l => l.Result.RequestsPerSecond):F0} req/s (target ≥ 5000)");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ratios at p50: REST/reference {Of(rest).P50 / Of(reference).P50:F1}×, store+evidence/reference {Of(storeCall).P50 / Of(reference).P50:F1}×, " +
                    $"search/reference {Of(search).P50 / Of(reference).P50:F1}×; REST p50 {Of(rest).P50:F3} ms (target < 2 ms){bestLoad}"));
            }
        }
    }

    // Same protocol as the paths benchmark: one warm-up pass per target, then each target gets its own pass over
    // all pairs per round, the order rotated each round so a noisy neighbour is spread over all of them.
    private static async Task<Run[]> SequentialAsync(List<Pair> pairs, IPathTarget[] targets)
    {
        var times = targets.Select(_ => new List<double>(pairs.Count * Rounds)).ToArray();
        var lengths = targets.Select(_ => new int[pairs.Count]).ToArray();
        foreach (var target in targets)
        {
            foreach (var pair in pairs)
            {
                await target.SearchAsync(pair);
            }
        }

        for (var round = 0; round < Rounds; round++)
        {
            for (var o = 0; o < targets.Length; o++)
            {
                var t = (o + round) % targets.Length;
                for (var i = 0; i < pairs.Count; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    lengths[t][i] = await targets[t].SearchAsync(pairs[i]);
                    times[t].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        return [.. Enumerable.Range(0, targets.Length).Select(t =>
        {
            var sorted = times[t].Order().ToArray();
            return new Run(Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Average(), lengths[t].Count(l => l > 0), lengths[t]);
        })];
    }

    private static SocketsHttpHandler Handler(int connections) => new()
    {
        MaxConnectionsPerServer = connections,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    };

    private static void Print(string name, Run run, Run? reference)
    {
        var ratios = reference is null
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"  {run.P50 / reference.P50:F1}× / {run.P95 / reference.P95:F1}× / {run.P99 / reference.P99:F1}×");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-46} {run.P50,8:F4} {run.P95,8:F4} {run.P99,8:F4} {run.Mean,8:F4} {run.Found,6}{ratios}"));
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    // 1, 5 and 15 minute load averages (Linux); the machine is shared, so figures are read against them
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F0} MB");

    private sealed record Run(double P50, double P95, double P99, double Mean, int Found, int[] Lengths);

    private sealed record RestOptions(int Entities, int Pairs, int[] Concurrency, int Requests, int Seconds, string? Database, string? ApiDll, int Seed,
        Dictionary<string, string> ApiEnvironment, int? LoadPairs)
    {
        public static RestOptions? Parse(string[] args)
        {
            if (args.Length % 2 != 0)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                values[args[i][2..]] = args[i + 1];
            }

            var concurrency = values.GetValueOrDefault("concurrency", "16,64")
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(c => int.Parse(c, NumberStyles.Integer, CultureInfo.InvariantCulture))
                .ToArray();
            var options = new RestOptions(
                Int(values, "entities", 10_000),
                Int(values, "pairs", 1000),
                concurrency,
                Int(values, "requests", 20_000),
                Int(values, "seconds", 15),
                values.GetValueOrDefault("db"),
                values.GetValueOrDefault("api-dll"),
                Int(values, "seed", 20261128),
                values.GetValueOrDefault("api-env", "")
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(pair => pair.Split('=', 2))
                    .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal),
                values.ContainsKey("load-pairs") ? Int(values, "load-pairs", 0) : null);
            return options.Entities > 0 && options.Pairs > 0 && options.LoadPairs is null or > 0 && options.Requests > 0 && options.Seconds > 0 && concurrency.All(c => c > 0) ? options : null;
        }

        private static int Int(Dictionary<string, string> values, string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
    }
}
