using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage;

// Finding entities by the names documents print and people type (issue 16), on every store.
public abstract partial class GraphStoreContractTests
{
    private const string RedfernText = "Bethany Redfern advises Harbour Trust. José Müller chairs Harbour Trust. Cora Lind was also there.";

    private static readonly string Redfern = TestData.Id(EntityKind.Person, "Bethany Redfern");
    private static readonly string Muller = TestData.Id(EntityKind.Person, "José Müller");
    private static readonly string Lind = TestData.Id(EntityKind.Person, "Cora Lind");

    // Bethany Redfern and José Müller have facts; Cora Lind is only mentioned
    private static DocumentGraph RedfernDocument()
    {
        var batch = TestData.Batch("docs/redfern.txt", RedfernText,
            ("Bethany Redfern", EntityKind.Person, RelationType.AssociatedWith, "Harbour Trust", EntityKind.Organisation, "Bethany Redfern advises Harbour Trust"),
            ("José Müller", EntityKind.Person, RelationType.Leads, "Harbour Trust", EntityKind.Organisation, "José Müller chairs Harbour Trust"));
        return WithMentionOnly(batch, "Cora Lind", EntityKind.Person);
    }

    private static DocumentGraph WithMentionOnly(DocumentGraph batch, string name, EntityKind kind, params string[] aliases)
    {
        var id = TestData.Id(kind, name);
        var at = batch.Document.Text.IndexOf(name, StringComparison.Ordinal);
        var mention = new MentionRecord(StableId.Mention(batch.Document.Id, at, at + name.Length, id), batch.Document.Id, id, at, at + name.Length, name, 2);
        return batch with { Entities = [.. batch.Entities, new ExtractedEntity(id, kind, name, aliases)], Mentions = [.. batch.Mentions, mention] };
    }

    [Theory]
    [InlineData("Bethany Redfern")]
    [InlineData("bethany redfern")]
    [InlineData("BETHANY REDFERN")]
    [InlineData("Bethany R. Redfern")]
    [InlineData("Dr. Bethany R. Redfern")]
    [InlineData("Redfern")]
    public async Task FindByNameAsync_NameAsADocumentPrintsIt_FindsThePerson(string printed)
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([RedfernDocument()], Ct);

        var found = await store.FindByNameAsync(printed, Ct);

        Assert.Equal(Redfern, Assert.Single(found).Id);
    }

    [Theory]
    [InlineData("Jose Muller")]
    [InlineData("JOSE MÜLLER")]
    [InlineData("Mr José Müller")]
    public async Task FindByNameAsync_WithoutDiacriticsOrWithATitle_FindsThePerson(string printed)
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([RedfernDocument()], Ct);

        Assert.Equal(Muller, Assert.Single(await store.FindByNameAsync(printed, Ct)).Id);
    }

    [Fact]
    public async Task FindByNameAsync_ExactNameStored_FindsOnlyItAndTheLooseFormFindsBoth()
    {
        var store = await CreateEmptyStoreAsync();
        var initialled = TestData.Id(EntityKind.Person, "Bethany R. Redfern");
        await store.ApplyAsync([RedfernDocument(), TestData.Batch("docs/initial.txt", "Bethany R. Redfern funds Harbour Trust.",
            ("Bethany R. Redfern", EntityKind.Person, RelationType.Funds, "Harbour Trust", EntityKind.Organisation, "Bethany R. Redfern funds Harbour Trust"))], Ct);

        Assert.Equal([initialled], (await store.FindByNameAsync("bethany r redfern", Ct)).Select(e => e.Id));
        Assert.Equal([Redfern], (await store.FindByNameAsync("Bethany Redfern", Ct)).Select(e => e.Id));
        string[] both = [.. new[] { initialled, Redfern }.Order(StringComparer.Ordinal)];
        Assert.Equal(both, (await store.FindByNameAsync("Dr. Bethany Redfern", Ct)).Select(e => e.Id).Order(StringComparer.Ordinal));
        var lookup = await store.ResolveAsync("Redfern", Ct);
        Assert.True(lookup.Ambiguous);
        Assert.Equal(both, lookup.Candidates.Select(e => e.Id).Order(StringComparer.Ordinal));
        // a middle initial that differs names someone else: only the one without initials may be meant
        Assert.Equal([Redfern], (await store.FindByNameAsync("Bethany T. Redfern", Ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task ResolveAsync_SameNameInSeveralEntities_CandidatesMostDocumentedFirst()
    {
        var store = await CreateEmptyStoreAsync();
        var organisation = TestData.Id(EntityKind.Organisation, "Jordan Vale");
        var person = TestData.Id(EntityKind.Person, "Jordan Vale");
        await store.ApplyAsync([TestData.Batch("docs/jordan.txt", "Jordan Vale works with Jordan Vale, the firm.",
            ("Jordan Vale", EntityKind.Person, RelationType.AssociatedWith, "Jordan Vale", EntityKind.Organisation, "Jordan Vale works with Jordan Vale")),
            TestData.Batch("docs/firm.txt", "Jordan Vale funds Harbour Trust.",
            ("Jordan Vale", EntityKind.Organisation, RelationType.Funds, "Harbour Trust", EntityKind.Organisation, "Jordan Vale funds Harbour Trust"))], Ct);

        var lookup = await store.ResolveAsync("JORDAN VALE", Ct);

        Assert.True(lookup.Ambiguous);
        Assert.Equal([organisation, person], lookup.Candidates.Select(c => c.Id));
        Assert.Equal([2, 1], lookup.Candidates.Select(c => c.DocCount));
    }

    [Fact]
    public async Task SearchEntitiesAsync_LooseFormsOfTheQuery_RankAsExactAndPrefixMatches()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([RedfernDocument()], Ct);

        Assert.Equal([Muller], (await store.SearchEntitiesAsync(new EntitySearch("Jose Muller", Limit: 1), Ct)).Select(e => e.Id));
        Assert.Equal([Redfern], (await store.SearchEntitiesAsync(new EntitySearch("bethany r. redf"), Ct)).Select(e => e.Id));
        Assert.Equal([Muller], (await store.SearchEntitiesAsync(new EntitySearch("muller"), Ct)).Select(e => e.Id));
        Assert.Equal([Redfern], (await store.SearchEntitiesAsync(new EntitySearch("dr redfern"), Ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task SearchEntitiesAsync_QueryUnderThreeCharacters_MatchesStartsOfNamesOnly()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.Batch("docs/ann.txt", "Joanna Reid met Ann and Annabel Price.",
            ("Joanna Reid", EntityKind.Person, RelationType.AssociatedWith, "Ann", EntityKind.Person, "Joanna Reid met Ann"),
            ("Ann", EntityKind.Person, RelationType.AssociatedWith, "Annabel Price", EntityKind.Person, "Ann and Annabel Price"))], Ct);

        Assert.Equal(["Ann", "Annabel Price"], (await store.SearchEntitiesAsync(new EntitySearch("an"), Ct)).Select(e => e.Name));
        Assert.Equal(["Joanna Reid"], (await store.SearchEntitiesAsync(new EntitySearch("j"), Ct)).Select(e => e.Name));
        Assert.Equal(["Joanna Reid"], (await store.SearchEntitiesAsync(new EntitySearch("oan"), Ct)).Select(e => e.Name));
    }

    // the page is cut after an entity's matching names are counted once: Xavier's three aliases leave room for Yusuf
    [Fact]
    public async Task SearchEntitiesAsync_EntityWithSeveralMatchingAliases_TakesOnePlaceOnThePage()
    {
        var store = await CreateEmptyStoreAsync();
        var first = TestData.Batch("docs/quill.txt", "Xavier Quill met Yusuf Reed and Zed Annson.",
            ("Xavier Quill", EntityKind.Person, RelationType.AssociatedWith, "Yusuf Reed", EntityKind.Person, "Xavier Quill met Yusuf Reed"),
            ("Xavier Quill", EntityKind.Person, RelationType.AssociatedWith, "Zed Annson", EntityKind.Person, "Xavier Quill met Yusuf Reed and Zed Annson"));
        first = first with
        {
            Entities = [.. first.Entities.Select(e => e.Name switch
            {
                "Xavier Quill" => e with { Aliases = ["Annex Alpha", "Annex Beta", "Annex Gamma"] },
                "Yusuf Reed" => e with { Aliases = ["Annie Reed"] },
                _ => e,
            })],
        };
        await store.ApplyAsync([first, TestData.Batch("docs/again.txt", "Xavier Quill funds Harbour Trust.",
            ("Xavier Quill", EntityKind.Person, RelationType.Funds, "Harbour Trust", EntityKind.Organisation, "Xavier Quill funds Harbour Trust"))], Ct);

        Assert.Equal(["Xavier Quill", "Yusuf Reed"], (await store.SearchEntitiesAsync(new EntitySearch("ann", Limit: 2), Ct)).Select(e => e.Name));
        Assert.Equal(["Xavier Quill", "Yusuf Reed", "Zed Annson"], (await store.SearchEntitiesAsync(new EntitySearch("ann", Limit: 3), Ct)).Select(e => e.Name));
    }

    // People and organisations are also stored under identity keys ("n:bethany redfern", "f:redfern"): a query never
    // matches those prefixes, only the names and loose names behind them.
    [Theory]
    [InlineData("n")]
    [InlineData("f")]
    [InlineData("n:")]
    [InlineData("f:red")]
    public async Task SearchEntitiesAsync_IdentityKeyPrefixes_MatchNothingTheNamesDoNot(string query)
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([RedfernDocument()], Ct);

        var found = await store.SearchEntitiesAsync(new EntitySearch(query), Ct);

        Assert.All(found, e => Assert.StartsWith(NameKey.Normalise(query), NameKey.Normalise(e.Name), StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchEntitiesAsync_InsideOfANameAfterItsDocumentIsRemoved_FindsNothing()
    {
        var store = await CreateEmptyStoreAsync();
        var document = RedfernDocument();
        await store.ApplyAsync([document], Ct);
        Assert.Equal([Redfern], (await store.SearchEntitiesAsync(new EntitySearch("dfer"), Ct)).Select(e => e.Id));

        await store.RemoveDocumentAsync(document.Document.Id, Ct);

        Assert.Empty(await store.SearchEntitiesAsync(new EntitySearch("dfer"), Ct));
        Assert.Empty(await store.FindByNameAsync("Redfern", Ct));
    }

    [Fact]
    public async Task GetEntityQuotesAsync_FactsOrOnlyMentions_QuotesTheStrongestFactElseTheMentionsSentence()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([RedfernDocument(), TestData.Batch("docs/again.txt", "Bethany Redfern leads Harbour Trust, filings show.",
            ("Bethany Redfern", EntityKind.Person, RelationType.Leads, "Harbour Trust", EntityKind.Organisation, "Bethany Redfern leads Harbour Trust"))], Ct);

        var quotes = await store.GetEntityQuotesAsync([Redfern, Lind, Muller, "per_0000000000000000"], Ct);

        Assert.Equal(3, quotes.Count);
        Assert.Equal("José Müller chairs Harbour Trust", quotes[Muller]);
        Assert.True(quotes[Redfern] is "Bethany Redfern advises Harbour Trust" or "Bethany Redfern leads Harbour Trust", quotes[Redfern]);
        Assert.Equal("Cora Lind was also there.", quotes[Lind]);
    }
}
