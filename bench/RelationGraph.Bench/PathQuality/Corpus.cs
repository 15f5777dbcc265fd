using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationGraph.Core.Model;

namespace RelationGraph.Bench.PathQuality;

/// <summary>The generated world and the articles written about it, with what they print.</summary>
internal sealed class Corpus
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // names with diacritics stay readable
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private Corpus(int seed, World world, IReadOnlyList<GeneratedArticle> articles)
    {
        Seed = seed;
        World = world;
        Articles = articles;
        PrintedFacts = [.. articles.SelectMany(a => a.Facts)];
        foreach (var span in articles.SelectMany(a => a.Spans).Where(s => s.Form == SpanForm.FullName))
        {
            var forms = FullNames.TryGetValue(span.Entity, out var found) ? found : FullNames[span.Entity] = new Dictionary<string, int>(StringComparer.Ordinal);
            forms[span.Text] = forms.GetValueOrDefault(span.Text) + 1;
        }
    }

    public int Seed { get; }

    public World World { get; }

    public IReadOnlyList<GeneratedArticle> Articles { get; }

    /// <summary>Facts at least one article states: the true graph the product could know.</summary>
    public HashSet<int> PrintedFacts { get; }

    /// <summary>Every full name printed per entity ("Bethany R. Redfern", "Bethany Redfern"), with how often.</summary>
    public Dictionary<int, Dictionary<string, int>> FullNames { get; } = [];

    public static Corpus Generate(int seed, int documents)
    {
        var world = World.Generate(seed);
        var writer = new ArticleWriter(world, seed + 1);
        var articles = Enumerable.Range(0, documents).Select(writer.Write).ToList();
        foreach (var article in articles)
        {
            Verify(article);
        }

        return new Corpus(seed, world, articles);
    }

    // Every recorded span must print its text at its code-point offsets: the node mapping stands on it.
    private static void Verify(GeneratedArticle article)
    {
        foreach (var span in article.Spans)
        {
            var start = ArticleText.Utf16Index(article.Text, span.Start);
            var printed = article.Text[start..ArticleText.Utf16Index(article.Text, span.End)];
            if (!string.Equals(printed, span.Text, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{article.FileName}: span {span.Start}-{span.End} prints '{printed}', not '{span.Text}'");
            }
        }
    }

    /// <summary>The full name to ask for: the one printed most often (the longer one on a tie).</summary>
    public string? PreferredFullName(int entity) => FullNames.TryGetValue(entity, out var forms)
        ? forms.OrderByDescending(f => f.Value).ThenByDescending(f => f.Key.Length).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key
        : null;

    public void WriteDocuments(string folder)
    {
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var article in Articles)
        {
            File.WriteAllText(Path.Combine(folder, article.FileName), article.Text, utf8);
        }
    }

    /// <summary>truth.json: entities with their printed forms, facts with the articles that state them, and every span.</summary>
    public async Task WriteTruthAsync(string path)
    {
        var statedIn = new Dictionary<int, List<string>>();
        foreach (var article in Articles)
        {
            foreach (var fact in article.Facts)
            {
                (statedIn.TryGetValue(fact, out var list) ? list : statedIn[fact] = []).Add(article.FileName);
            }
        }

        var forms = Articles.SelectMany(a => a.Spans).GroupBy(s => s.Entity)
            .ToDictionary(g => g.Key, g => g.GroupBy(s => s.Text).OrderByDescending(f => f.Count()).ToDictionary(f => f.Key, f => f.Count()));
        var truth = new TruthFile(
            Seed,
            "Spans are Unicode code points, end exclusive, as the store's mention offsets.",
            [.. World.Entities.Select(e => new TruthEntity(e.Id, e.Kind.ToString(), e.Name, Detail(e), forms.GetValueOrDefault(e.Id) ?? []))],
            [.. World.Facts.Select(f => new TruthFact(f.Index, f.Type.ToWireName(), f.Subject, f.Object, f.Role?.Title, f.Former, statedIn.GetValueOrDefault(f.Index) ?? []))],
            [.. Articles.Select(a => new TruthDocument(a.FileName, a.Facts, [.. a.Spans.Select(s => new TruthSpan(s.Start, s.End, s.Entity, s.Form.ToString(), s.Text))]))]);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, truth, JsonOptions);
    }

    private string? Detail(TrueEntity entity) => entity switch
    {
        TruePerson p => $"{p.Style}{(p.Honorific != Honorific.None ? ", " + p.Honorific : "")}{(p.Reporter ? ", reporter" : "")}",
        TrueOrganisation o => $"{o.Type}{(o.Acronym is null ? "" : ", " + o.Acronym)}",
        TrueContract c => $"awarded by {World[c.Awarder].Name} to {string.Join(" and ", c.Parties.Select(p => World[p].Name))}",
        TrueInvestigation i => $"by {World[i.Investigator].Name} of {string.Join(" and ", i.Subjects.Select(s => World[s].Name))}",
        _ => null,
    };

    private sealed record TruthFile(int Seed, string Offsets, List<TruthEntity> Entities, List<TruthFact> Facts, List<TruthDocument> Documents);

    private sealed record TruthEntity(int Id, string Kind, string Name, string? Detail, Dictionary<string, int> PrintedForms);

    private sealed record TruthFact(int Index, string Type, int Subject, int Object, string? Role, bool Former, List<string> StatedIn);

    private sealed record TruthDocument(string File, IReadOnlyList<int> Facts, List<TruthSpan> Spans);

    private sealed record TruthSpan(int Start, int End, int Entity, string Form, string Text);
}
