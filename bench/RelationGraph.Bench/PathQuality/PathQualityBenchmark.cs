using System.Diagnostics;
using System.Globalization;
using RelationGraph.Core.Model;

namespace RelationGraph.Bench.PathQuality;

/// <summary>
/// <c>pathquality [--docs 1500] [--pairs 300] [--seed N] [--dump DIR] [--examples 3] [--keep]</c>: generates a news corpus whose true
/// facts are known, ingests it through the product (the hosting code's SQLite store and default extractor), maps every
/// stored node to the true entity its mentions print, then asks the product about random pairs of people as
/// <c>GET /api/paths</c> does and judges every returned path hop by hop. Prints path recall, hop precision, names found and
/// the diagnostics behind them.
/// </summary>
internal static class PathQualityBenchmark
{
    private const string Usage = "usage: bench pathquality [--docs 1500] [--pairs 300] [--seed N] [--dump DIR] [--examples 3] [--keep]";

    public static async Task<int> RunAsync(string[] args)
    {
        int docs, pairs, seed, examples;
        try
        {
            docs = IntOption(args, "--docs") ?? 1_500;
            pairs = IntOption(args, "--pairs") ?? 300;
            seed = IntOption(args, "--seed") ?? 1;
            examples = IntOption(args, "--examples") ?? 3;
        }
        catch (FormatException)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (docs < 1 || pairs < 1 || examples < 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var dump = StringOption(args, "--dump");
        var dir = Path.Combine(Path.GetTempPath(), "relgraph-pathquality-" + Guid.NewGuid().ToString("N")[..8]);
        var corpusFolder = Path.Combine(dir, "corpus");
        var stages = new List<(string Stage, TimeSpan Time)>();
        var watch = Stopwatch.StartNew();
        try
        {
            Console.WriteLine($"path quality: {docs} documents, {pairs} pairs, seed {seed}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            var corpus = Corpus.Generate(seed, docs);
            corpus.WriteDocuments(corpusFolder);
            if (dump is not null)
            {
                corpus.WriteDocuments(dump);
                await corpus.WriteTruthAsync(Path.Combine(dump, "truth.json"));
                Console.WriteLine($"corpus and truth.json written to {Path.GetFullPath(dump)}");
            }

            var world = corpus.World;
            Console.WriteLine($"world: {world.People.Count(p => !p.Reporter)} people (+{world.People.Count(p => p.Reporter)} reporters), {world.Organisations.Count()} organisations, " +
                $"{world.Entities.Count(e => e.Kind == TrueKind.Contract)} contracts, {world.Entities.Count(e => e.Kind == TrueKind.Investigation)} investigations, {world.Facts.Count} facts " +
                $"({string.Join(", ", world.Facts.GroupBy(f => f.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Key.ToWireName()} {g.Count()}"))})");
            Console.WriteLine($"corpus: {corpus.Articles.Sum(a => a.Text.Length) / 1024.0 / 1024.0:0.0} MB, {corpus.Articles.Average(a => a.Facts.Count):0.0} facts and {corpus.Articles.Average(a => a.Spans.Count):0.0} entity spans per document " +
                $"({string.Join(", ", corpus.Articles.SelectMany(a => a.Spans).GroupBy(s => s.Form).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))})");
            stages.Add(("generate corpus", watch.Elapsed));

            using var product = new ProductUnderTest(Path.Combine(dir, "graph.db"));
            watch.Restart();
            var report = await product.IngestAsync(corpusFolder);
            stages.Add(("ingest (relgraph ingest's pipeline)", watch.Elapsed));
            var counts = await product.Store.CountAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest: {report.Totals.Documents.Ingested} documents in {watch.Elapsed.TotalSeconds:0.0} s, {report.Totals.Documents.Failed} failed; store: {counts.Entities} entities, {counts.Facts} facts, {counts.Mentions} mentions"));

            watch.Restart();
            var mapping = await NodeMapping.BuildAsync(product.Store, corpus, corpusFolder);
            var truth = new TrueGraph(corpus);
            stages.Add(("map nodes to true entities", watch.Elapsed));

            watch.Restart();
            var scoring = new PathScoring(corpus, mapping, truth, product);
            var people = await scoring.LookupNamesAsync(TrueKind.Person);
            var organisations = await scoring.LookupNamesAsync(TrueKind.Organisation);
            stages.Add(("name lookups", watch.Elapsed));

            watch.Restart();
            var outcomes = await scoring.AskPairsAsync(pairs, seed);
            stages.Add(("path queries", watch.Elapsed));

            Console.WriteLine();
            var output = new PathQualityReport(corpus, mapping, product.Store, Console.Out, examples);
            output.Table(outcomes, people, organisations);
            watch.Restart();
            await output.DiagnosticsAsync(outcomes, people, organisations);
            stages.Add(("diagnostics", watch.Elapsed));
            Console.WriteLine();
            Console.WriteLine("time: " + string.Join(", ", stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.Time.TotalSeconds:0.0} s"))));
            return report.Totals.Documents.Failed == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!args.Contains("--keep") && Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
            else if (Directory.Exists(dir))
            {
                Console.WriteLine($"kept {dir} (corpus/ and graph.db)");
            }
        }
    }

    private static int? IntOption(string[] args, string name) =>
        StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
