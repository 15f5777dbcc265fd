using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Tests.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// A document write adjusts the totals of the facts and entities it touches by its own contribution (running totals),
/// instead of recounting them from every document that ever named them: what a write reads must not grow with the
/// history of the entities it names. The fake counts the mention and evidence nodes each statement reads.
/// </summary>
public sealed class Neo4jRunningTotalsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentGraph Report(int i, string extra = "") => TestData.Batch($"docs/report-{i:D3}.txt", $"Report {i}: Alice Able works for Acme Corp.{extra}",
        ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"));

    // What each kind of write reads, once the pair has a history of `history` documents: adding one more, changing one
    // in the middle, and removing the first (which holds first seen, the first document id and the sample quote).
    private static async Task<(long Add, long Update, long Remove)> ProvenanceReadPerWriteAsync(int history)
    {
        var fake = new FakeQueryApi();
        var time = new FakeTimeProvider(TestData.Epoch);
        using var store = Neo4jTestStore.OnFake(fake, time: time);
        for (var i = 0; i < history; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await store.Port.ApplyAsync([Report(i)], Ct);
        }

        async Task<long> ReadsOfAsync(Func<Task> write)
        {
            var before = fake.Costs.Count;
            time.Advance(TimeSpan.FromMinutes(1));
            await write();
            return fake.Costs.Skip(before).Sum(c => c.ProvenanceReads);
        }

        return (
            await ReadsOfAsync(() => store.Port.ApplyAsync([Report(history)], Ct)),
            await ReadsOfAsync(() => store.Port.ApplyAsync([Report(history / 2, " It says so.")], Ct)),
            await ReadsOfAsync(() => store.Port.RemoveDocumentAsync(Report(0).Document.Id, Ct)));
    }

    [Fact]
    public async Task Writes_AboutAPairWithALongHistory_ReadNoMoreThanWithAShortOne()
    {
        var shortHistory = await ProvenanceReadPerWriteAsync(10);
        var longHistory = await ProvenanceReadPerWriteAsync(40);

        // the document's own mentions and evidence, plus an index entry or two per total it held (which ones depends on
        // which document holds the first id and the sample, not on how many there are); before running totals a write
        // read every one of the pair's mentions and evidence: 53-58 nodes after 10 documents, 203-208 after 40
        var figures = $"provenance nodes read per add/update/remove: {shortHistory} after 10 documents, {longHistory} after 40";
        Assert.True(shortHistory.Add == longHistory.Add && shortHistory.Update == longHistory.Update, figures);
        Assert.True(Math.Abs(shortHistory.Remove - longHistory.Remove) <= 2, figures);
        Assert.True(new[] { longHistory.Add, longHistory.Update, longHistory.Remove }.All(n => n <= 20), figures);
    }

    [Fact]
    public async Task AddChangeRemoveSequence_TotalsEqualARecountAndTheEmbeddedStoreAfterEveryStep()
    {
        await using var files = new SqliteTestFiles();
        var sqliteTime = new FakeTimeProvider(TestData.Epoch);
        var neo4jTime = new FakeTimeProvider(TestData.Epoch);
        var sqlite = await files.OpenInitializedAsync(sqliteTime);
        var fake = new FakeQueryApi();
        using var neo4j = Neo4jTestStore.OnFake(fake, time: neo4jTime);
        await neo4j.Port.InitializeAsync(Ct);
        var steps = 0;
        var mostDocuments = 0L;
        var facts = new HashSet<object?>();

        await RunningTotalsScenario.RunAsync(sqlite, sqliteTime, neo4j.Port, neo4jTime, async step =>
        {
            steps++;
            SameLines(step, await RunningTotalsScenario.TotalsAsync(sqlite, Ct), await RunningTotalsScenario.TotalsAsync(neo4j.Port, Ct));
            AgreesWithRecount(step, fake.Graph);
            mostDocuments = Math.Max(mostDocuments, fake.Graph.Facts.Max(f => (long)f["docCount"]!));
            facts.UnionWith(fake.Graph.Facts.Select(f => f["factKey"]));
        }, Ct);

        Assert.Equal(RunningTotalsScenario.Steps().Count(), steps);
        Assert.True(mostDocuments > 20, $"the popular fact reached {mostDocuments} documents");
        Assert.True(facts.Count > fake.Graph.Facts.Count(), "some fact lost its every document on the way");
    }

    [Fact]
    public async Task InitializeAsync_GraphWithoutRunningState_FillsItFromHistoryOnceAndWritesGoOnFromThere()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.InitializeAsync(Ct);
        foreach (var i in Enumerable.Range(0, 8))
        {
            await store.Port.ApplyAsync([RunningTotalsScenario.Document(i)], Ct);
        }

        // what an earlier version (or an exported script) leaves: no running state, no stamps, no mark
        var hidden = new[] { "untrue", "certainDocs", "extractorCounts", "sampleConfidence", "sampleDocId", "sampleStart" };
        foreach (var fact in fake.Graph.Facts)
        {
            foreach (var property in hidden)
            {
                fact.Props.Remove(property);
            }
        }

        foreach (var node in fake.Graph.Nodes.Where(n => n.Labels.Overlaps(["Mention", "Evidence"])))
        {
            node.Props.Remove("reportedAt");
            node.Props.Remove("entityId");
            node.Props.Remove("negConfidence");
        }

        fake.Graph.Nodes.RemoveAll(n => n.Labels.Contains("StoreFormat"));

        await store.Port.InitializeAsync(Ct);
        await store.Port.InitializeAsync(Ct);
        await store.Port.RemoveDocumentAsync(RunningTotalsScenario.Document(2).Document.Id, Ct);
        await store.Port.ApplyAsync([RunningTotalsScenario.Document(1, version: 1)], Ct);

        // once when the empty store first started, once after the mark was lost; not on the start after that
        Assert.Equal(2, fake.Requests.Count(r => r.StatementName == "facts-backfill"));
        Assert.Equal(2, fake.Requests.Count(r => r.StatementName == "store-format-mark"));
        AgreesWithRecount("after the backfill", fake.Graph);
        Assert.All(fake.Graph.WithLabel("Mention"), m => Assert.NotNull(m["entityId"]));
    }

    private static void SameLines(string step, List<string> embedded, List<string> neo4j)
    {
        var differs = embedded.Zip(neo4j).FirstOrDefault(x => x.First != x.Second);
        Assert.True(embedded.Count == neo4j.Count && differs == default,
            $"after {step} Neo4j differs from the embedded store: {differs.Second ?? neo4j.Except(embedded).FirstOrDefault()} (embedded: {differs.First ?? embedded.Except(neo4j).FirstOrDefault()})");
    }

    // The running totals and running state stored on every fact and entity equal a recount from all their history.
    private static void AgreesWithRecount(string step, FakeGraph g)
    {
        foreach (var fact in g.Facts)
        {
            foreach (var (property, expected) in FakeTotals.Recount(g, fact["factKey"]))
            {
                var actual = fact[property];
                var same = expected is double x && actual is double y ? Math.Abs(x - y) <= 1e-12 : Equal(expected, actual);
                Assert.True(same, $"after {step}: fact {fact["factKey"]} {property} is {Show(actual)}, a recount gives {Show(expected)}");
            }
        }

        foreach (var entity in g.WithLabel("Entity"))
        {
            foreach (var (property, expected) in FakeTotals.RecountEntity(g, entity))
            {
                Assert.True(Equal(expected, entity[property]), $"after {step}: entity {entity.Id} {property} is {Show(entity[property])}, a recount gives {Show(expected)}");
            }
        }
    }

    private static bool Equal(object? a, object? b) =>
        a is List<object?> x && b is List<object?> y ? x.SequenceEqual(y) : Equals(a, b);

    private static string Show(object? value) => value switch
    {
        null => "null",
        List<object?> list => "[" + string.Join(", ", list) + "]",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
