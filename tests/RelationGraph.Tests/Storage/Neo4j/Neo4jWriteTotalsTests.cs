using RelationGraph.Storage.Neo4j.Export;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>Fact and entity totals are running totals adjusted inside Neo4j (facts-add, entities-add, …), not in C#.</summary>
public sealed class Neo4jWriteTotalsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentGraph Report(int i) => TestData.Batch($"docs/report-{i:D2}.txt", $"Report {i}: Alice Able works for Acme Corp.",
        ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"));

    [Fact]
    public async Task ApplyAsync_FactInManyDocuments_KeepsTheSameFirst20DocumentsAsTheExport()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        // ingested one by one in reverse, so ingestion (report) time order is the opposite of id order
        foreach (var i in Enumerable.Range(0, 25).Reverse())
        {
            await store.Port.ApplyAsync([Report(i)], Ct);
        }

        var join = new ExportJoin();
        await foreach (var item in store.Port.ExportAsync(Ct))
        {
            if (item.Evidence is { } ev)
            {
                join.Evidence.Add((ev.Id, ev.FactKey, ev.DocumentId));
            }
        }

        var fact = Assert.Single(fake.Graph.Facts);
        var stored = ((List<object?>)fact["docIds"]!).Cast<string>();
        Assert.Equal(join.DocIdsByFact()[(string)fact["factKey"]!], stored);
        Assert.Equal(20, stored.Count());
    }

    [Fact]
    public async Task ApplyAsync_Totals_AreAdjustedInsideNeo4jAndShipNoRowsBack()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([.. Enumerable.Range(0, 10).Select(Report)], Ct);
        var before = fake.Requests.Count;

        await store.Port.ApplyAsync([Report(10)], Ct);

        var sent = fake.Requests.Skip(before).Select(r => r.StatementName).ToList();
        Assert.Equal(1, sent.Count(n => n == "facts-add"));
        Assert.Equal(1, sent.Count(n => n == "entities-add"));
        Assert.DoesNotContain("entities-recount", sent); // both entities are mentioned: nothing is recounted
        Assert.All(fake.Costs.Where(c => c.Statement is "facts-add" or "entities-add"), c => Assert.True(c.ProvenanceReads <= 3, $"{c.Statement} read {c.ProvenanceReads}"));
        var fact = Assert.Single(fake.Graph.Facts);
        Assert.Equal(11L, fact["docCount"]);
        Assert.Equal(11L, fact["evidenceCount"]);
        Assert.Equal(11L, fake.Graph.Find("Entity", TestData.AliceId)!["mentionCount"]);
    }
}
