using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Bench.Search;

/// <summary>
/// <c>bench search --db FILE [--queries 300] [--seed 19]</c>: the time <see cref="SqliteGraphStore.SearchEntitiesAsync"/>
/// takes for what the explorer's suggestions ask (limit 8), one query at a time, on a store file such as the 1M-entity one
/// <c>bench paths --load sqlite-bulk --db FILE</c> makes (entities named "Person 0000042" and so on), by kind of query.
/// </summary>
/// <remarks>
/// The browser measure (<c>ExplorerLatencyTests</c>) adds the page and HTTP; this one is the store alone, so the trigram
/// index's effect shows without the machine's load in the browser's figures. Opening an older file backfills its search
/// index first (timed and printed).
/// </remarks>
internal static class SearchBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var database = Value(args, "--db");
        if (database is null || !File.Exists(database))
        {
            await Console.Error.WriteLineAsync("usage: bench search --db FILE [--queries 300] [--seed 19]   (FILE: an existing store, e.g. bench paths --load sqlite-bulk --db FILE)");
            return 2;
        }

        var count = int.Parse(Value(args, "--queries") ?? "300", CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(Value(args, "--seed") ?? "19", CultureInfo.InvariantCulture));
        string Digits() => random.Next(0, 1_000_000).ToString("D7", CultureInfo.InvariantCulture);

        // the explorer latency test's mix, and the two kinds it leaves out: the first keystrokes, and the inside of many names
        var kinds = new (string Kind, Func<string> Next)[]
        {
            ("start of a name (\"Person 00123\")", () => "Person " + Digits()[..5]),
            ("digits inside names (\"23456\")", () => Digits()[2..]),
            ("start of a longer name (\"Organisation 0012\")", () => "Organisation " + Digits()[..4]),
            ("two characters (\"Pe\")", () => random.Next(2) == 0 ? "Pe" : "Or"),
            ("three digits inside many names (\"456\")", () => Digits()[4..]),
        };

        var opened = Stopwatch.StartNew();
        await using var store = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = database }));
        await store.InitializeAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"opened {database} in {opened.Elapsed.TotalSeconds:F1} s (any backfill included)"));

        foreach (var (kind, next) in kinds)
        {
            var times = new List<double>(count);
            var found = 0L;
            for (var i = 0; i < count; i++)
            {
                var query = next();
                var started = Stopwatch.GetTimestamp();
                found += (await store.SearchEntitiesAsync(new EntitySearch(query, Limit: 8))).Count;
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            // the first tenth warms the page cache and the compiled statements
            var measured = times.Skip(count / 10).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind,-44} p50 {Percentile(measured, 50),7:F2} ms  p95 {Percentile(measured, 95),7:F2} ms  max {measured[^1],7:F2} ms  ({measured.Count} queries, {found / (double)count:F1} found each)"));
        }

        return 0;
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static double Percentile(List<double> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
