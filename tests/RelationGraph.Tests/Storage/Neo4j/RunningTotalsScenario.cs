using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// Adds, changes and removes documents in an order that moves every running total the hard way: a popular fact in
/// more than 20 documents (so removing one of its first 20 needs the next id), confidences of 1 (certain documents)
/// and below, several extractors, documents dated out of order and undated ones (report time is ingestion time), the
/// earliest, latest, first-id and best-sample documents removed or changed, an entity only the facts imply (never
/// mentioned), a fact whose every document goes, and documents added back.
/// </summary>
internal static class RunningTotalsScenario
{
    private const int Documents = 27;

    private static readonly double[] Confidences = [0.55, 0.7, 0.9, 1.0, 0.3, 0.85];

    private static readonly string[] Extractors = ["rules/title-person-of-org", "rules/case-investigated-by", "llm/test"];

    /// <summary>One version of document <paramref name="i"/>: which facts it states, how confidently, and when.</summary>
    public static DocumentGraph Document(int i, int version = 0)
    {
        var facts = new List<(string, EntityKind, RelationType, string, EntityKind, string)>();
        if (!(version > 0 && i % 4 == 0))
        {
            facts.Add(("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"));
        }

        if (i % 3 == 0)
        {
            facts.Add(("Bob Baker", EntityKind.Person, RelationType.AssociatedWith, "Alice Able", EntityKind.Person, "Bob Baker knows Alice Able"));
        }

        if (i % 5 == 1 || version == 2)
        {
            facts.Add(("Acme Corp", EntityKind.Organisation, RelationType.PartyTo, "Road contract", EntityKind.Contract, "Acme Corp signed the Road contract"));
        }

        if (i % 4 == 2)
        {
            // "Quiet Partner" is never named in the text: only the fact implies it
            facts.Add(("Quiet Partner", EntityKind.Person, RelationType.Owns, "Acme Corp", EntityKind.Organisation, "a silent owner of Acme Corp"));
        }

        var text = string.Join(" ", facts.Select(f => f.Item6 + ".")) + $" Report {i}, version {version}.";
        var batch = TestData.Batch($"docs/scenario-{i:D2}.txt", text, [.. facts]);
        var evidence = batch.Evidence.Select((e, k) => e with
        {
            Confidence = Confidences[(i + (2 * version) + k) % Confidences.Length],
            Extractor = Extractors[(i + k + version) % Extractors.Length],
        }).ToList();
        var published = i % 3 == 1 ? (DateTimeOffset?)null : TestData.Epoch.AddDays(-((i * 7 + version * 11) % 40));
        return batch with { Document = batch.Document with { PublishedAt = published }, Evidence = evidence };
    }

    /// <summary>The steps, each a write; the time moves on a minute before each, so undated documents differ in report time.</summary>
    public static IEnumerable<(string Name, Func<IGraphStore, CancellationToken, Task<object?>> Write)> Steps()
    {
        for (var i = 0; i < Documents; i++)
        {
            var n = i;
            yield return ($"add {n}", async (s, ct) => await s.ApplyAsync([Document(n)], ct));
        }

        foreach (var i in new[] { 0, 5, 13, 26, 10 })
        {
            yield return ($"change {i}", async (s, ct) => await s.ApplyAsync([Document(i, version: 1)], ct));
        }

        // 17 and 11 are the earliest dated, 25 the latest undated; 3, 7 and every third document (all of Bob's) go too
        foreach (var i in new[] { 17, 11, 25, 3, 7, 0, 6, 9, 12, 15, 18, 21, 26 })
        {
            yield return ($"remove {i}", async (s, ct) => await s.RemoveDocumentAsync(Document(i).Document.Id, ct));
        }

        foreach (var (i, version) in new[] { (3, 2), (17, 0), (5, 2) })
        {
            yield return ($"add back {i} v{version}", async (s, ct) => await s.ApplyAsync([Document(i, version)], ct));
        }

        // the last of Bob's documents: his fact goes, and he with it
        foreach (var i in Enumerable.Range(0, Documents).Where(i => i % 2 == 1).Concat([24]))
        {
            yield return ($"remove {i}", async (s, ct) => await s.RemoveDocumentAsync(Document(i).Document.Id, ct));
        }
    }

    /// <summary>Runs every step on both stores, each on its own fake clock, calling <paramref name="check"/> after each.</summary>
    public static async Task RunAsync(IGraphStore reference, FakeTimeProvider referenceTime, IGraphStore store, FakeTimeProvider storeTime,
        Func<string, Task> check, CancellationToken cancellationToken)
    {
        foreach (var (name, write) in Steps())
        {
            referenceTime.Advance(TimeSpan.FromMinutes(1));
            storeTime.Advance(TimeSpan.FromMinutes(1));
            var expected = Json(await write(reference, cancellationToken));
            Assert.True(expected == Json(await write(store, cancellationToken)), $"{name}: the write's result differs from the embedded store's");
            await check(name);
        }
    }

    /// <summary>Every entity's and fact's totals, one line each, in id order; confidence rounded to 9 places.</summary>
    public static async Task<List<string>> TotalsAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await foreach (var item in store.ExportAsync(cancellationToken))
        {
            if (item.Entity is { } e)
            {
                lines.Add(string.Join(" | ", "entity", e.Entity.Id, e.Entity.MentionCount, e.Entity.DocCount, Time(e.FirstSeen), Time(e.LastSeen)));
            }
            else if (item.Fact is { } f)
            {
                lines.Add(string.Join(" | ", "fact", f.FactKey, f.EvidenceCount, f.DocCount, Math.Round(f.Confidence, 9).ToString("R", CultureInfo.InvariantCulture),
                    Time(f.FirstSeen), Time(f.LastSeen), f.SampleQuote, string.Join(",", f.Extractors)));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Time(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture) ?? "-";

    private static string Json(object? value) => JsonSerializer.Serialize(value);
}
