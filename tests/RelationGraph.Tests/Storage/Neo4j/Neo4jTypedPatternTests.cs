using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// Statements that walk facts name the twelve fact types: an untyped pattern reads every relationship of an entity,
/// and a popular entity has far more mention and evidence links than facts. The fake counts what each statement reads.
/// </summary>
public sealed class Neo4jTypedPatternTests
{
    private const int Reports = 30;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Alice and Acme are mentioned 30 times each, with 30 pieces of evidence, behind one fact
    private static async Task<FakeQueryApi> PopularPairAsync()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([.. Enumerable.Range(0, Reports).Select(i => TestData.Batch($"docs/report-{i}.txt", $"Report {i}: Alice Able works for Acme Corp.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp")))], Ct);
        return fake;
    }

    [Fact]
    public void FactStatements_NameExactlyTheTwelveFactTypes()
    {
        Assert.Equal(RelationTypes.All.Select(t => t.ToWireName()), FakeCypher.FactTypes);
        var untyped = Directory.GetFiles(RepositoryPaths.Cypher, "*.cypher", SearchOption.AllDirectories)
            .Where(f => FakeCypher.HasUntypedRelationship(File.ReadAllText(f)) && !f.EndsWith("delete-all.cypher", StringComparison.Ordinal))
            .Select(Path.GetFileName);

        Assert.Empty(untyped);
    }

    [Fact]
    public async Task ReadsAndWrites_AroundEntitiesWithManyMentions_ReadOnlyFactRelationships()
    {
        var fake = await PopularPairAsync();
        using var store = Neo4jTestStore.OnFake(fake);
        var port = store.Port;
        var factKey = StableId.Fact(RelationType.EmployedBy, TestData.AliceId, TestData.AcmeId);

        await port.GetEntityAsync(TestData.AliceId, Ct);
        await port.GetNeighboursAsync(TestData.AcmeId, PathFilter.None, 10, Ct);
        await port.GetEvidenceAsync(factKey, 0, 5, Ct);
        var counts = await port.CountAsync(Ct);
        var exported = 0;
        await foreach (var item in port.ExportAsync(Ct))
        {
            exported += item.Fact is null ? 0 : 1;
        }

        Assert.Equal(1, counts.Facts);
        Assert.Equal(1, exported);
        var factStatements = new[] { "entity-facts", "fact-get", "counts", "export-facts", "facts-merge", "facts-add", "facts-prune" };
        var costs = fake.Costs.Where(c => factStatements.Contains(c.Statement.Split('[')[0])).ToList();
        Assert.Equal(factStatements.Order(StringComparer.Ordinal), costs.Select(c => c.Statement.Split('[')[0]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(costs, c => Assert.True(c.RelationshipReads <= 4, $"{c.Statement} read {c.RelationshipReads} relationships"));
        Assert.All(costs, c => Assert.Equal(0, c.NodesScanned));
    }
}
