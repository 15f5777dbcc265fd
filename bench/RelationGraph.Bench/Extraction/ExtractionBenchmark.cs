using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Reading;

namespace RelationGraph.Bench.Extraction;

// `extraction [--mb N] [--templates DIR]`: single-core extraction throughput in MB of text per second over a generated
// news-like corpus, against reading the same bytes (UTF-8 decode + a scan) in the same run.
internal static class ExtractionBenchmark
{
    private static readonly string[] GivenNames = ["Alice", "Marco", "Yuki", "Fatima", "Oskar", "Leila", "Tomasz", "Grace", "Ravi", "Ines", "Kofi", "Sofia", "Hugo", "Mina", "Pavel", "Clara"];
    private static readonly string[] Syllables = ["ba", "ren", "to", "mi", "sal", "vek", "dor", "lin", "qua", "ster", "mon", "ira", "gal", "zen", "fo", "rid"];

    public static int Run(string[] args)
    {
        var targetMb = 8.0;
        var templates = Path.Combine("tests", "data", "extraction");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--mb":
                    targetMb = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--templates":
                    templates = args[i + 1];
                    break;
            }
        }

        var corpus = Generate(templates, (long)(targetMb * 1024 * 1024));
        var totalBytes = corpus.Sum(d => (long)d.Length);
        Console.WriteLine($"corpus: {corpus.Count} documents, {totalBytes / 1048576.0:F2} MB (templates from {templates})");

        var reader = new DocumentReader();
        var extractor = new RuleBasedExtractor();

        // Warm up both paths (lexicon load, regex construction, tiered JIT) on a slice of the corpus.
        Reference(corpus.Take(200));
        Extract(corpus.Take(300), reader, extractor);

        var referenceSeconds = Time(() => Reference(corpus), out var scanned);
        var extractionSeconds = Time(() => Extract(corpus, reader, extractor), out var facts);

        var referenceMbps = totalBytes / 1048576.0 / referenceSeconds;
        var extractionMbps = totalBytes / 1048576.0 / extractionSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference (UTF-8 decode + scan): {referenceMbps,10:F1} MB/s  ({scanned} letters)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"extraction (read + rules):       {extractionMbps,10:F2} MB/s  ({facts} facts)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio extraction/reference:      {extractionMbps / referenceMbps,10:F4}"));
        Console.WriteLine(extractionMbps >= 1.0 ? "target >= 1 MB/s: met" : "target >= 1 MB/s: NOT met");
        return 0;
    }

    // CPU time of this process, not wall time: the machine is shared, and the figure is per core.
    private static double Time(Func<long> action, out long result)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        result = action();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  wall {stopwatch.Elapsed.TotalSeconds:F2} s, cpu {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s"));
        return (process.TotalProcessorTime - cpu).TotalSeconds;
    }

    private static long Reference(IEnumerable<byte[]> corpus)
    {
        long letters = 0;
        foreach (var bytes in corpus)
        {
            var text = Encoding.UTF8.GetString(bytes);
            foreach (var c in text)
            {
                if (char.IsLetter(c))
                {
                    letters++;
                }
            }
        }

        return letters;
    }

    private static long Extract(IEnumerable<byte[]> corpus, DocumentReader reader, RuleBasedExtractor extractor)
    {
        long facts = 0;
        var n = 0;
        foreach (var bytes in corpus)
        {
            var read = reader.Read($"bench/{n++}.txt", bytes);
            if (read.Document is not null)
            {
                facts += extractor.Extract(read.Document).Facts.Count;
            }
        }

        return facts;
    }

    // Copies of the gold documents with every name word replaced by a generated one, so each copy names new people
    // and organisations; deterministic for a given size.
    private static List<byte[]> Generate(string folder, long targetBytes)
    {
        var templates = new List<(string Text, string[] NameWords)>();
        foreach (var file in Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var gold = Path.ChangeExtension(file, ".json");
            var words = new HashSet<string>(StringComparer.Ordinal);
            if (File.Exists(gold))
            {
                using var json = JsonDocument.Parse(File.ReadAllText(gold));
                foreach (var entity in json.RootElement.GetProperty("entities").EnumerateArray())
                {
                    var type = entity.GetProperty("type").GetString();
                    var name = entity.GetProperty("name").GetString() ?? "";
                    if (type == "Person")
                    {
                        words.UnionWith(name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    }
                    else if (type == "Organisation")
                    {
                        words.Add(name.Split(' ')[0]);
                    }
                }
            }

            templates.Add((File.ReadAllText(file), [.. words.Where(w => w.Length > 2 && char.IsUpper(w[0]))]));
        }

        if (templates.Count == 0)
        {
            throw new DirectoryNotFoundException($"no templates in {folder}; run from the repository root or pass --templates");
        }

        var random = new Random(20261128);
        var corpus = new List<byte[]>();
        long total = 0;
        while (total < targetBytes)
        {
            var (text, nameWords) = templates[corpus.Count % templates.Count];
            foreach (var word in nameWords)
            {
                var replacement = random.Next(3) == 0 ? GivenNames[random.Next(GivenNames.Length)] : Pseudo(random);
                text = Regex.Replace(text, @"\b" + Regex.Escape(word) + @"\b", replacement, RegexOptions.None, TimeSpan.FromSeconds(5));
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            corpus.Add(bytes);
            total += bytes.Length;
        }

        return corpus;
    }

    private static string Pseudo(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(2, 4);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Syllables[random.Next(Syllables.Length)]);
        }

        builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.ToString();
    }
}
