using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Reading;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Bench.Ingestion;

// `ingest [--docs 10000] [--batch N] [--workers N] [--dir DIR] [--keep] [--store-only] [--index-log-ab [--rounds 4]]`: generates a news-like corpus (about
// 5 KB a document), then in the same run measures, after two warm-up passes of extraction: (1) read + extract alone, in
// parallel, no store; (2) the whole job into a fresh SQLite store through IngestionPipeline, sampling the working set at
// 10%, 50% and 100% of the documents; (1') extraction alone again; (3) the store alone: the extracted documents applied
// in batches to a fresh SQLite store. The ratio is the job against the mean of (1) and (1').
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var docs = IntOption(args, "--docs") ?? 10_000;
        var keep = args.Contains("--keep");
        var dir = StringOption(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "relgraph-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var corpus = Path.Combine(dir, "corpus");
        var inv = CultureInfo.InvariantCulture;
        try
        {
            var generate = Stopwatch.StartNew();
            var bytes = NewsCorpus.Generate(corpus, docs);
            var megabytes = bytes / 1_048_576.0;
            Console.WriteLine(string.Create(inv, $"corpus: {docs} documents, {megabytes:0.0} MB, generated in {generate.Elapsed.TotalSeconds:0.0} s ({Environment.ProcessorCount} cores)"));

            var files = Directory.EnumerateFiles(corpus, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            var reader = new DocumentReader();
            var extractor = new RuleBasedExtractor();
            // warm-up: two whole passes, so the measured one runs the final tiered (PGO-optimised) code; after a shorter
            // warm-up extraction still runs below its steady speed, which would flatter every ratio against it. "Extraction
            // again", after the job, checks the reference was steady.
            for (var pass = 0; pass < 2; pass++)
            {
                await ExtractAloneAsync(files, reader, extractor);
            }

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var extractionPauses = new GcPauseListener();
            var (extractAlone, factsExtracted) = await ExtractAloneAsync(files, reader, extractor);
            extractionPauses.Dispose();
            var extractCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var allocatedPerDoc = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / docs;
            Report("extraction alone", docs, megabytes, extractAlone, extractCpu);
            // what the garbage collector has to clear behind extraction, in the job too
            Console.WriteLine(string.Create(inv, $"  ({factsExtracted} fact mentions extracted; {allocatedPerDoc:0} KB allocated per document)"));
            Console.WriteLine($"  (garbage collection pauses: {extractionPauses.Summary()})");

            var batchSize = IntOption(args, "--batch") ?? new IngestionOptions().BatchSize;
            var workers = IntOption(args, "--workers") ?? 0;
            // --no-bulk: every row and index written as documents arrive, as a job into a non-empty store does
            var bulk = !args.Contains("--no-bulk");
            Console.WriteLine(bulk ? "bulk load: on (indexes built once, at the end of the job and of the store-alone run, and timed with them)" : "bulk load: off");
            if (args.Contains("--index-log-ab"))
            {
                await IndexLogAbAsync(files, reader, extractor, dir, batchSize, bulk, IntOption(args, "--rounds") ?? 4);
                return 0;
            }

            if (args.Contains("--store-only"))
            {
                var (alone, cpu, notes) = await StoreAloneAsync(files, reader, extractor, Path.Combine(dir, "store-alone.db"), batchSize, bulk);
                Report("store alone", docs, megabytes, alone, cpu);
                Console.WriteLine(notes);
                return 0;
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var database = Path.Combine(dir, "bench.db");
            using var store = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = database }));
            await store.InitializeAsync();
            var pipeline = new IngestionPipeline(reader, extractor, store, new IngestionOptions { BatchSize = batchSize, MaxParallelism = workers, BulkLoadMinDocuments = bulk ? 1 : 0 }, TimeProvider.System, NullLogger<IngestionPipeline>.Instance);
            var memory = new MemorySampler(docs);
            var sources = SourceDiscovery.Discover([corpus], dir);
            cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var pausedBefore = GC.GetTotalPauseDuration();
            var jobPauses = new GcPauseListener();
            var endToEnd = Stopwatch.StartNew();
            var report = await pipeline.RunAsync(sources.Enumerate(), docs, memory);
            endToEnd.Stop();
            jobPauses.Dispose();
            var endToEndCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Report("end-to-end job", docs, megabytes, endToEnd.Elapsed, endToEndCpu);
            // a collection stops every thread, the single writer included
            Console.WriteLine(string.Create(inv, $"  (garbage collections paused every thread for {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:0.0} s of it: {jobPauses.Summary()})"));

            // the reference again right after the job: a shared machine's speed drifts by ±10% from minute to minute,
            // so the ratio uses the mean of the measurements on either side of the job
            var (extractAgain, _) = await ExtractAloneAsync(files, reader, extractor);
            Report("extraction again", docs, megabytes, extractAgain, null);

            // after the job, so the documents it holds in memory do not count in the job's memory samples
            var (storeAlone, storeCpu, storeNotes) = await StoreAloneAsync(files, reader, extractor, Path.Combine(dir, "store-alone.db"), batchSize, bulk);
            Report("store alone", docs, megabytes, storeAlone, storeCpu);
            Console.WriteLine(storeNotes);

            var counts = await store.CountAsync();
            var ratio = (extractAlone.TotalSeconds + extractAgain.TotalSeconds) / 2 / endToEnd.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(inv, $"graph: {counts.Entities} entities, {counts.Facts} facts, {counts.Evidence} evidence, {counts.Mentions} mentions; {report.Totals.Documents.Failed} failed"));
            Console.WriteLine(string.Create(inv,
                $"end-to-end / extraction-alone throughput: {ratio:P0} (target >= 50%; against each extraction run: {extractAlone.TotalSeconds / endToEnd.Elapsed.TotalSeconds:P0} before, {extractAgain.TotalSeconds / endToEnd.Elapsed.TotalSeconds:P0} after)"));
            // CPU time does not depend on what else the machine runs: store cost per document beside extraction's
            var storeCpuPerDoc = (endToEndCpu - extractCpu).TotalMilliseconds / docs;
            Console.WriteLine(string.Create(inv, $"CPU per document: extraction {extractCpu.TotalMilliseconds / docs:0.00} ms, store and pipeline {storeCpuPerDoc:0.00} ms (ratio {storeCpuPerDoc / (extractCpu.TotalMilliseconds / docs):0.00})"));
            // What no scheduling could beat with one writer: the writer alone as measured above, and extraction plus the
            // writer's CPU spread perfectly over every core, with no garbage collection or pipeline cost at all.
            var floor = TimeSpan.FromTicks(Math.Max(storeAlone.Ticks, (extractCpu + storeCpu).Ticks / Environment.ProcessorCount));
            Console.WriteLine(string.Create(inv,
                $"one-writer bound: {floor.TotalSeconds:0.0} s, {docs / floor.TotalSeconds:0} docs/s, {(extractAlone.TotalSeconds + extractAgain.TotalSeconds) / 2 / floor.TotalSeconds:P0} of extraction alone (the job reached {floor.TotalSeconds / endToEnd.Elapsed.TotalSeconds:P0} of this bound)"));
            foreach (var (done, workingSet, managed, committed, sqlite) in memory.Samples)
            {
                Console.WriteLine(string.Create(inv, $"memory at {done,6} documents: working set {workingSet / 1_048_576.0:0} MB, managed heap {managed / 1_048_576.0:0} MB (GC committed {committed / 1_048_576.0:0} MB), SQLite {sqlite / 1_048_576.0:0} MB"));
            }

            Console.WriteLine(string.Create(inv, $"peak working set (whole run, the store-alone phase included): {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:0} MB"));
            return report.Totals.Documents.Failed == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keep && Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    // Reads and extracts every file in parallel; keeps each document's batch (in file order) when given somewhere to.
    private static async Task<(TimeSpan Elapsed, int Facts)> ExtractAloneAsync(List<string> files, DocumentReader reader, RuleBasedExtractor extractor, DocumentGraph?[]? keep = null)
    {
        var watch = Stopwatch.StartNew();
        var facts = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, cancellationToken) =>
        {
            var read = reader.Read(files[i], await File.ReadAllBytesAsync(files[i], cancellationToken));
            if (read.Document is { } document)
            {
                var batch = extractor.Extract(document, cancellationToken);
                Interlocked.Add(ref facts, batch.Facts.Count);
                keep?[i] = batch;
            }
        });
        return (watch.Elapsed, facts);
    }

    // The writer's share on its own: every document extracted into memory first, then applied in the pipeline's batches
    // to a fresh store on one thread, as the pipeline's single writer does.
    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu, string Notes)> StoreAloneAsync(List<string> files, DocumentReader reader, RuleBasedExtractor extractor, string database, int batchSize, bool bulk)
    {
        var batches = new DocumentGraph?[files.Count];
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        await ExtractAloneAsync(files, reader, extractor, batches);
        GC.WaitForPendingFinalizers();
        // what a document waiting for the writer keeps alive: the job holds up to three batches of these
        var retainedPerDoc = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1024.0 / files.Count;
        var retained = string.Create(CultureInfo.InvariantCulture, $"  (an extracted document waiting for the writer holds {retainedPerDoc:0.0} KB)");

        var pauses = new GcPauseListener();
        var (elapsed, cpu, allocated) = await ApplyTimedAsync(batches.OfType<DocumentGraph>().ToList(), database, batchSize, bulk);
        pauses.Dispose();
        // the writer's own garbage: in the job, every collection extraction triggers also pays for what the writer keeps
        var notes = string.Create(CultureInfo.InvariantCulture,
            $"  (the writer allocated {allocated / 1024.0 / files.Count:0} KB per document; garbage collection pauses: {pauses.Summary()})");
        return (elapsed, cpu, notes + Environment.NewLine + retained);
    }

    // Applies the documents in batches to a fresh store on this thread, as the pipeline's single writer does; the store's
    // opening is not timed.
    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu, long Allocated)> ApplyTimedAsync(IReadOnlyList<DocumentGraph> documents, string database, int batchSize, bool bulk, bool writeIndexLog = true)
    {
        using var store = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = database })) { WriteIndexLog = writeIndexLog };
        await store.InitializeAsync();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var bulkLoad = bulk && await store.TryBeginBulkLoadAsync();
        foreach (var chunk in documents.Chunk(batchSize))
        {
            await store.ApplyAsync(chunk);
        }

        if (bulkLoad)
        {
            await store.EndBulkLoadAsync();
        }

        return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, GC.GetTotalAllocatedBytes() - allocatedBefore);
    }

    // `--index-log-ab`: what the index_log row each commit writes (for other processes' path indexes) costs the single
    // writer. The documents are extracted once; the store-alone run is then repeated with and without the log, each into a
    // fresh file, the order alternating from round to round so that a drift in the machine's speed falls on both. The
    // cost is the median over rounds of each round's ratio, whose two runs are seconds apart.
    private static async Task IndexLogAbAsync(List<string> files, DocumentReader reader, RuleBasedExtractor extractor, string dir, int batchSize, bool bulk, int rounds)
    {
        var inv = CultureInfo.InvariantCulture;
        var extracted = new DocumentGraph?[files.Count];
        await ExtractAloneAsync(files, reader, extractor, extracted);
        var documents = extracted.OfType<DocumentGraph>().ToList();
        var with = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        var without = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        var (logRows, logBytes) = (0L, 0L);
        // round -1 is untimed: the writer's code runs optimised in the measured rounds
        for (var round = -1; round < rounds; round++)
        {
            foreach (var writeLog in round % 2 == 0 ? [true, false] : new[] { false, true })
            {
                var database = Path.Combine(dir, $"index-log-ab-{round + 1}-{(writeLog ? "with" : "without")}.db");
                GC.Collect();
                var (elapsed, cpu, _) = await ApplyTimedAsync(documents, database, batchSize, bulk, writeLog);
                if (round >= 0)
                {
                    (writeLog ? with : without).Add((elapsed, cpu));
                    Console.WriteLine(string.Create(inv, $"  round {round + 1} {(writeLog ? "with" : "without")} the log: {elapsed.TotalSeconds:0.000} s, CPU {cpu.TotalSeconds:0.000} s"));
                }

                if (writeLog)
                {
                    (logRows, logBytes) = IndexLogSize(database);
                }

                SqliteConnection.ClearAllPools();
                foreach (var file in Directory.EnumerateFiles(dir, Path.GetFileName(database) + "*"))
                {
                    File.Delete(file);
                }
            }
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var wallRatio = Median(with.Zip(without, (a, b) => a.Wall / b.Wall));
        var cpuRatio = Median(with.Zip(without, (a, b) => a.Cpu / b.Cpu));
        Console.WriteLine(string.Create(inv, $"index_log A/B: {documents.Count} documents in batches of {batchSize}, bulk load {(bulk ? "on" : "off")}, {rounds} rounds"));
        Console.WriteLine(string.Create(inv, $"  with the log:    median {Median(with.Select(r => r.Wall.TotalSeconds)):0.000} s, CPU {Median(with.Select(r => r.Cpu.TotalSeconds)):0.000} s"));
        Console.WriteLine(string.Create(inv, $"  without the log: median {Median(without.Select(r => r.Wall.TotalSeconds)):0.000} s, CPU {Median(without.Select(r => r.Cpu.TotalSeconds)):0.000} s"));
        Console.WriteLine(string.Create(inv, $"  cost of the log (median of the rounds' ratios): wall {wallRatio - 1:+0.0%;-0.0%}, CPU {cpuRatio - 1:+0.0%;-0.0%}"));
        Console.WriteLine(string.Create(inv, $"  index_log after a run: {logRows} rows kept, {logBytes / 1024.0:0} KB of ids ({(double)logBytes / documents.Count:0} bytes per document)"));
    }

    private static (long Rows, long Bytes) IndexLogSize(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(bytes), 0) FROM index_log";
        using var row = command.ExecuteReader();
        row.Read();
        return (row.GetInt64(0), row.GetInt64(1));
    }

    private static void Report(string phase, int docs, double megabytes, TimeSpan elapsed, TimeSpan? cpu) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase,-18} {elapsed.TotalSeconds,7:0.0} s  {docs / elapsed.TotalSeconds,8:0.0} docs/s  {megabytes / elapsed.TotalSeconds,6:0.00} MB/s{(cpu is { } time ? $"  CPU {time.TotalSeconds:0.0} s" : "")}"));

    private static int? IntOption(string[] args, string name) =>
        StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Samples the working set when the job passes 10%, 50% and 100% of the documents.</summary>
    private sealed class MemorySampler(int total) : IProgress<IngestionProgress>
    {
        private readonly Queue<int> _thresholds = new([Math.Max(1, total / 10), Math.Max(1, total / 2), total]);

        public List<(int Done, long WorkingSet, long Managed, long GcCommitted, long Sqlite)> Samples { get; } = [];

        public void Report(IngestionProgress value)
        {
            while (_thresholds.Count > 0 && value.Done >= _thresholds.Peek())
            {
                _thresholds.Dequeue();
                using var process = Process.GetCurrentProcess();
                Samples.Add((value.Done, process.WorkingSet64, GC.GetTotalMemory(false), GC.GetGCMemoryInfo().TotalCommittedBytes, SQLitePCL.raw.sqlite3_memory_used()));
            }
        }
    }
}
