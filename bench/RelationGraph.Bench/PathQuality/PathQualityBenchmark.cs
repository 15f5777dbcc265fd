using System.Globalization;
using RelationGraph.Core.Model;

namespace RelationGraph.Bench.PathQuality;

/// <summary>
/// <c>pathquality [--docs 1500] [--seed N] [--dump DIR]</c>: generates a news corpus whose true facts are known and,
/// with <c>--dump</c>, writes it with its truth.json.
/// </summary>
internal static class PathQualityBenchmark
{
    private const string Usage = "usage: bench pathquality [--docs 1500] [--seed N] [--dump DIR]";

    public static async Task<int> RunAsync(string[] args)
    {
        int docs, seed;
        try
        {
            docs = IntOption(args, "--docs") ?? 1_500;
            seed = IntOption(args, "--seed") ?? 1;
        }
        catch (FormatException)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (docs < 1)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var corpus = Corpus.Generate(seed, docs);
        var world = corpus.World;
        Console.WriteLine($"world: {world.People.Count(p => !p.Reporter)} people (+{world.People.Count(p => p.Reporter)} reporters), {world.Organisations.Count()} organisations, " +
            $"{world.Entities.Count(e => e.Kind == TrueKind.Contract)} contracts, {world.Entities.Count(e => e.Kind == TrueKind.Investigation)} investigations, {world.Facts.Count} facts " +
            $"({string.Join(", ", world.Facts.GroupBy(f => f.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Key.ToWireName()} {g.Count()}"))})");
        Console.WriteLine($"corpus: {corpus.Articles.Sum(a => a.Text.Length) / 1024.0 / 1024.0:0.0} MB, {corpus.Articles.Average(a => a.Facts.Count):0.0} facts and {corpus.Articles.Average(a => a.Spans.Count):0.0} entity spans per document " +
            $"({string.Join(", ", corpus.Articles.SelectMany(a => a.Spans).GroupBy(s => s.Form).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))})");
        if (StringOption(args, "--dump") is { } dump)
        {
            corpus.WriteDocuments(dump);
            await corpus.WriteTruthAsync(Path.Combine(dump, "truth.json"));
            Console.WriteLine($"corpus and truth.json written to {Path.GetFullPath(dump)}");
        }

        return 0;
    }

    private static int? IntOption(string[] args, string name) =>
        StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
