using RelationGraph.Core.Identity;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>Names are found through NameKey nodes and their indexes; the fake counts entities read by a label scan.</summary>
public sealed class Neo4jNameLookupTests
{
    private static readonly string[] Survivors = ["Alice Able", "Acme Corp", "Bob Baker"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindByNameAndSearch_ManyEntities_ReadNoEntityByScanning()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.InitializeAsync(Ct);
        await store.Port.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);

        var byName = await store.Port.FindByNameAsync("ACME corp", Ct);
        var search = await store.Port.SearchEntitiesAsync(new("acme"), Ct);
        var partial = await store.Port.SearchEntitiesAsync(new("works"), Ct);

        Assert.Equal([TestData.AcmeId], byName.Select(e => e.Id));
        Assert.Equal([TestData.AcmeId], search.Select(e => e.Id));
        Assert.Equal([TestData.MinistryId], partial.Select(e => e.Id));
        var lookups = fake.Costs.Where(c => c.Statement is "entities-by-key" or "entities-search").ToList();
        Assert.Equal(3, lookups.Count);
        Assert.All(lookups, c => Assert.Equal(0, c.NodesScanned));
    }

    [Fact]
    public async Task InitializeAsync_EntitiesStoredWithoutNameKeyNodes_LinksThemSoTheirNamesAreFound()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);
        // what an import or an earlier version leaves: entities with nameKeys properties and no NameKey nodes
        foreach (var key in fake.Graph.WithLabel("NameKey").ToList())
        {
            fake.Graph.DetachDelete(key);
        }

        Assert.Empty(await store.Port.FindByNameAsync("Acme Corp", Ct));

        await store.Port.InitializeAsync(Ct);

        Assert.Equal([TestData.AcmeId], (await store.Port.FindByNameAsync("Acme Corp", Ct)).Select(e => e.Id));
        Assert.Equal(4, fake.Graph.WithLabel("Entity").Count(e => fake.Graph.Outgoing(e, "NAMED").Any()));
    }

    [Fact]
    public async Task RemoveDocumentAsync_EntityNothingElseNames_TakesItsNameKeysToo()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        var acme = TestData.AcmeDocument();
        await store.Port.ApplyAsync([acme, TestData.BobDocument()], Ct);

        await store.Port.RemoveDocumentAsync(acme.Document.Id, Ct);

        // name keys, and the identity keys the ingest joins by ("n:", "f:"), of the survivors only
        var keys = fake.Graph.WithLabel("NameKey").Select(k => (string)k["key"]!).Where(k => !k.Contains(':', StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(Survivors.Select(NameKey.Normalise).Order(StringComparer.Ordinal), keys);
        Assert.DoesNotContain(IdentityKeys.Name("ministry of works"), fake.Graph.WithLabel("NameKey").Select(k => (string)k["key"]!));
        Assert.Empty(await store.Port.FindByNameAsync("Ministry of Works", Ct));
    }

    [Fact]
    public async Task InitializeAsync_EntitiesStoredBeforeIdentityKeys_GivesThemTheirKeysOnceSoLooseAndFamilyNamesFindThem()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.InitializeAsync(Ct);
        var redfern = TestData.Id(EntityKind.Person, "Dr. Bethany R. Redfern");
        await store.Port.ApplyAsync([TestData.Batch("docs/redfern.txt", "Dr. Bethany R. Redfern works for Acme Corp.",
            ("Dr. Bethany R. Redfern", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Dr. Bethany R. Redfern works for Acme Corp"))], Ct);
        // what an earlier version leaves: plain name keys only, and no record of the backfill
        foreach (var key in fake.Graph.WithLabel("NameKey").Where(k => ((string)k["key"]!).Contains(':', StringComparison.Ordinal)).ToList())
        {
            fake.Graph.DetachDelete(key);
        }

        foreach (var entity in fake.Graph.WithLabel("Entity"))
        {
            entity.Props["nameKeys"] = ((List<object?>)entity["nameKeys"]!).Where(k => !((string)k!).Contains(':', StringComparison.Ordinal)).ToList();
        }

        Assert.Single(fake.Graph.WithLabel("StoreFormat")).Props.Remove("identityKeys");
        Assert.Empty(await store.Port.FindByNameAsync("Bethany Redfern", Ct));

        await store.Port.InitializeAsync(Ct);

        Assert.Equal([redfern], (await store.Port.FindByNameAsync("Bethany Redfern", Ct)).Select(e => e.Id));
        Assert.Equal([redfern], (await store.Port.FindByNameAsync("Redfern", Ct)).Select(e => e.Id));
        Assert.Equal([redfern], (await store.Port.FindIdentityCandidatesAsync([IdentityKeys.Family("redfern")], Ct)).Select(e => e.Id));
        Assert.Contains(IdentityKeys.Name("bethany redfern"), (List<object?>)fake.Graph.Find("Entity", redfern)!["nameKeys"]!);

        // done once: the next start reads one empty page
        var before = fake.Requests.Count(r => r.StatementName == "identity-keys-page");
        await store.Port.InitializeAsync(Ct);
        Assert.Equal(before + 1, fake.Requests.Count(r => r.StatementName == "identity-keys-page"));
    }
}
