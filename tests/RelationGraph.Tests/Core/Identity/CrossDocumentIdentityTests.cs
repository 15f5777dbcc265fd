using RelationGraph.Core.Extraction;
using RelationGraph.Core.Identity;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;
using RelationGraph.Tests.Storage.Sqlite;

namespace RelationGraph.Tests.Core.Identity;

/// <summary>The ingest's cross-document identity stage on a real SQLite store: each cause of a false split or junction.</summary>
public sealed class CrossDocumentIdentityTests : IAsyncDisposable
{
    private const EntityKind Person = EntityKind.Person;
    private const EntityKind Org = EntityKind.Organisation;

    private readonly SqliteTestFiles _files = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _files.DisposeAsync();

    [Fact]
    public async Task ResolveAsync_NameWithoutTheStoredMiddleInitial_JoinsTheStoredPerson()
    {
        var store = await StoreWithAsync(Doc("a", "Bethany R. Redfern works for Acme Corp.", ("Bethany R. Redfern", Person, RelationType.EmployedBy, "Acme Corp", Org)));

        var resolved = await ResolveAsync(store, Doc("b", "Bethany Redfern leads Ministry of Works.", ("Bethany Redfern", Person, RelationType.Leads, "Ministry of Works", Org)));

        var person = Assert.Single(resolved.Entities, e => e.Kind == Person);
        Assert.Equal(TestData.Id(Person, "Bethany R. Redfern"), person.Id);
        Assert.Equal("Bethany R. Redfern", person.Name);
        Assert.Contains("Bethany Redfern", person.Aliases);
        var fact = Assert.Single(resolved.Facts);
        Assert.Equal(person.Id, fact.SubjectId);
        Assert.Equal(StableId.Fact(RelationType.Leads, person.Id, TestData.MinistryId), fact.FactKey);
        Assert.Equal(fact.FactKey, Assert.Single(resolved.Evidence).FactKey);
        Assert.All(resolved.Mentions, m => Assert.Contains(m.EntityId, resolved.Entities.Select(e => e.Id)));
        Assert.Null(BatchValidation.FindProblem(resolved));
    }

    [Fact]
    public async Task ResolveAsync_RelativesSharingAHyphenatedFamilyName_StayApart()
    {
        // each document also calls its person by the family name alone ("Arnim-Keller"), which the loose key splits
        // into two words; it must not pass for a full name that joins every relative
        var extractor = new RuleBasedExtractor();
        var store = await StoreWithAsync(extractor.Extract(SourceDocument.Create("docs/a.txt",
            "Konrad von Arnim-Keller chairs the Harbour Authority. Arnim-Keller said costs rose."), Ct));

        var resolved = await ResolveAsync(store, extractor.Extract(SourceDocument.Create("docs/b.txt",
            "Annika von Arnim-Keller works for Brightmoor Freight. Arnim-Keller declined to comment."), Ct));

        var person = Assert.Single(resolved.Entities, e => e.Kind == Person);
        Assert.Equal("Annika von Arnim-Keller", person.Name);
        Assert.Equal(TestData.Id(Person, "Annika von Arnim-Keller"), person.Id);
    }

    [Fact]
    public async Task ResolveAsync_FamilyNameWithTheParticleÓ_JoinsTheStoredPerson()
    {
        var store = await StoreWithAsync(Doc("a", "Clodagh Ó Briain works for Acme Corp.", ("Clodagh Ó Briain", Person, RelationType.EmployedBy, "Acme Corp", Org)));

        var resolved = await ResolveAsync(store, Doc("b", "Ó Briain owns Acme Corp.", ("Ó Briain", Person, RelationType.Owns, "Acme Corp", Org)));

        Assert.Equal(TestData.Id(Person, "Clodagh Ó Briain"), Assert.Single(resolved.Facts).SubjectId);
    }

    [Fact]
    public async Task ResolveAsync_HonorificAndDiacritics_JoinTheStoredPerson()
    {
        var store = await StoreWithAsync(Doc("a", "José Müller works for Acme Corp.", ("José Müller", Person, RelationType.EmployedBy, "Acme Corp", Org)));

        var resolved = await ResolveAsync(store, Doc("b", "Dr. Jose Muller leads Ministry of Works.", ("Dr. Jose Muller", Person, RelationType.Leads, "Ministry of Works", Org)));

        Assert.Equal(TestData.Id(Person, "José Müller"), Assert.Single(resolved.Entities, e => e.Kind == Person).Id);
    }

    [Fact]
    public async Task ResolveAsync_SurnameOnlyWithOneStoredPersonOfThatNameWhoSharesAFact_JoinsThem()
    {
        var store = await StoreWithAsync(Doc("a", "Bethany R. Redfern works for Acme Corp.", ("Bethany R. Redfern", Person, RelationType.EmployedBy, "Acme Corp", Org)));

        var resolved = await ResolveAsync(store, Doc("b", "Redfern leads Ministry of Works and Redfern owns Acme Corp.",
            ("Redfern", Person, RelationType.Leads, "Ministry of Works", Org), ("Redfern", Person, RelationType.Owns, "Acme Corp", Org)));

        Assert.All(resolved.Facts, f => Assert.Equal(TestData.Id(Person, "Bethany R. Redfern"), f.SubjectId));
        Assert.Equal(2, resolved.Facts.Count);
    }

    [Theory]
    [InlineData("Esther de Groot", "De Groot")]
    [InlineData("Aoife Ní Bhriain", "Ní Bhriain")]
    [InlineData("Corrie ten Boom", "Ten Boom")]
    [InlineData("Ronan St Clair", "St Clair")]
    public async Task ResolveAsync_FamilyNameWithItsParticleAndOneStoredPersonWhoSharesAFact_JoinsThem(string stored, string family)
    {
        var store = await StoreWithAsync(Doc("a", $"{stored} works for Acme Corp.", (stored, Person, RelationType.EmployedBy, "Acme Corp", Org)));

        var resolved = await ResolveAsync(store, Doc("b", $"{family} leads Ministry of Works and {family} owns Acme Corp.",
            (family, Person, RelationType.Leads, "Ministry of Works", Org), (family, Person, RelationType.Owns, "Acme Corp", Org)));

        Assert.All(resolved.Facts, f => Assert.Equal(TestData.Id(Person, stored), f.SubjectId));
        Assert.Equal(2, resolved.Facts.Count);
    }

    [Fact]
    public async Task ResolveAsync_SurnameOnlyWhoseOneStoredNamesakeSharesNothingWithTheDocument_IsDropped()
    {
        var store = await StoreWithAsync(Doc("a", "Bethany R. Redfern works for Acme Corp.", ("Bethany R. Redfern", Person, RelationType.EmployedBy, "Acme Corp", Org)));

        // another Redfern, perhaps: a shared surname alone is not enough to put this fact on Bethany
        var resolved = await ResolveAsync(store, Doc("b", "Redfern leads Ministry of Works.", ("Redfern", Person, RelationType.Leads, "Ministry of Works", Org)));

        Assert.DoesNotContain(resolved.Entities, e => e.Kind == Person);
        Assert.Empty(resolved.Facts);
    }

    [Fact]
    public async Task ResolveAsync_SurnameOnlyWithTwoStoredPeopleOfThatName_IsDroppedWithItsFacts()
    {
        var store = await StoreWithAsync(
            Doc("a", "Bethany Redfern works for Acme Corp.", ("Bethany Redfern", Person, RelationType.EmployedBy, "Acme Corp", Org)),
            Doc("c", "Colin Redfern works for Acme Corp.", ("Colin Redfern", Person, RelationType.EmployedBy, "Acme Corp", Org)));

        var resolved = await ResolveAsync(store, Doc("b", "Redfern leads Ministry of Works.", ("Redfern", Person, RelationType.Leads, "Ministry of Works", Org)));

        Assert.DoesNotContain(resolved.Entities, e => e.Kind == Person);
        Assert.Empty(resolved.Facts);
        Assert.Empty(resolved.Evidence);
        Assert.DoesNotContain(resolved.Mentions, m => m.Text == "Redfern");
    }

    [Fact]
    public async Task ResolveAsync_SurnameOnlyWithNoCandidate_IsNotANodeOfItsOwn()
    {
        var store = await StoreWithAsync();

        var resolved = await ResolveAsync(store, Doc("b", "Lockhart leads Ministry of Works.", ("Lockhart", Person, RelationType.Leads, "Ministry of Works", Org)));

        Assert.DoesNotContain(resolved.Entities, e => e.Name == "Lockhart");
    }

    [Fact]
    public async Task ResolveAsync_SurnameOnlyAndTheFullNameInTheSameBatch_JoinInBatchOrder()
    {
        var store = await StoreWithAsync();

        var resolved = await new CrossDocumentIdentity(store).ResolveAsync(
        [
            Doc("a", "Esther de Groot works for Acme Corp.", ("Esther de Groot", Person, RelationType.EmployedBy, "Acme Corp", Org)),
            Doc("b", "De Groot leads Ministry of Works and De Groot owns Acme Corp.",
                ("De Groot", Person, RelationType.Leads, "Ministry of Works", Org), ("De Groot", Person, RelationType.Owns, "Acme Corp", Org)),
        ], cancellationToken: Ct);

        Assert.All(resolved[1].Facts, f => Assert.Equal(TestData.Id(Person, "Esther de Groot"), f.SubjectId));
        Assert.Equal(2, resolved[1].Facts.Count);
    }

    [Fact]
    public async Task ResolveAsync_NameStoredAsAPerson_StaysAPersonAndFactsThatNoLongerFitGo()
    {
        var store = await StoreWithAsync(Doc("a", "Morgan Hale works for Acme Corp.", ("Morgan Hale", Person, RelationType.EmployedBy, "Acme Corp", Org)));

        var resolved = await ResolveAsync(store, Doc("b", "Morgan Hale owns Kestrel Systems. Morgan Hale contracts with Acme Corp.",
            ("Morgan Hale", Org, RelationType.Owns, "Kestrel Systems", Org),
            ("Morgan Hale", Org, RelationType.ContractsWith, "Acme Corp", Org)));

        var morgan = Assert.Single(resolved.Entities, e => e.Name == "Morgan Hale");
        Assert.Equal((TestData.Id(Person, "Morgan Hale"), Person), (morgan.Id, morgan.Kind));
        var fact = Assert.Single(resolved.Facts); // a Person may own an organisation, but not contract with one
        Assert.Equal(RelationType.Owns, fact.Type);
    }

    [Fact]
    public async Task ResolveAsync_OrganisationNamedByAnOrganisationWord_IsNotMadeThePersonStoredUnderThatName()
    {
        // one document mistook the firm for a person; the next, whose name for it ends in "Fuels", is not misled
        var store = await StoreWithAsync(Doc("a", "Merstead Fuels works for Acme Corp.", ("Merstead Fuels", Person, RelationType.EmployedBy, "Acme Corp", Org)));

        var resolved = await ResolveAsync(store, Doc("b", "Merstead Fuels contracts with Ministry of Works.", ("Merstead Fuels", Org, RelationType.ContractsWith, "Ministry of Works", Org)));

        Assert.Equal(TestData.Id(Org, "Merstead Fuels"), Assert.Single(resolved.Facts).SubjectId);
    }

    [Fact]
    public async Task ResolveAsync_PairMarkedDistinct_IsNotJoined()
    {
        var store = await StoreWithAsync(Doc("a", "Bethany R. Redfern works for Acme Corp.", ("Bethany R. Redfern", Person, RelationType.EmployedBy, "Acme Corp", Org)));
        var stored = TestData.Id(Person, "Bethany R. Redfern");
        var incoming = TestData.Id(Person, "Bethany Redfern");

        var resolved = (await new CrossDocumentIdentity(store).ResolveAsync(
            [Doc("b", "Bethany Redfern leads Ministry of Works.", ("Bethany Redfern", Person, RelationType.Leads, "Ministry of Works", Org))],
            (a, b) => (a, b) == (incoming, stored) || (a, b) == (stored, incoming), Ct))[0];

        Assert.Equal(incoming, Assert.Single(resolved.Entities, e => e.Kind == Person).Id);
    }

    [Fact]
    public async Task ResolveAsync_TwoStoredPeopleShareTheLooseName_LeavesTheNewNameApart()
    {
        var store = await StoreWithAsync(
            Doc("a", "Bethany R. Redfern works for Acme Corp.", ("Bethany R. Redfern", Person, RelationType.EmployedBy, "Acme Corp", Org)),
            Doc("c", "Bethany T. Redfern works for Ministry of Works.", ("Bethany T. Redfern", Person, RelationType.EmployedBy, "Ministry of Works", Org)));

        var resolved = await ResolveAsync(store, Doc("b", "Bethany Redfern owns Kestrel Systems.", ("Bethany Redfern", Person, RelationType.Owns, "Kestrel Systems", Org)));

        Assert.Equal(TestData.Id(Person, "Bethany Redfern"), Assert.Single(resolved.Entities, e => e.Kind == Person).Id);
    }

    [Fact]
    public async Task ApplyAsync_AfterResolving_TheStoreFindsThePersonByEitherPrintedName()
    {
        var store = await StoreWithAsync(Doc("a", "Bethany R. Redfern works for Acme Corp.", ("Bethany R. Redfern", Person, RelationType.EmployedBy, "Acme Corp", Org)));
        var resolved = await ResolveAsync(store, Doc("b", "Bethany Redfern leads Ministry of Works.", ("Bethany Redfern", Person, RelationType.Leads, "Ministry of Works", Org)));

        await store.ApplyAsync([resolved], Ct);

        var id = TestData.Id(Person, "Bethany R. Redfern");
        Assert.Equal([id], (await store.FindByNameAsync("Bethany Redfern", Ct)).Select(e => e.Id));
        Assert.Equal(2, (await store.GetEntitySummaryAsync(id, Ct))!.DocCount);
        Assert.Equal(1, (await store.CountAsync(Ct)).Entities - 2); // one person beside Acme Corp and the ministry
    }

    private static DocumentGraph Doc(string name, string text, params (string Subject, EntityKind SubjectKind, RelationType Type, string Object, EntityKind ObjectKind)[] facts) =>
        TestData.Batch($"docs/{name}.txt", text, [.. facts.Select(f => (f.Subject, f.SubjectKind, f.Type, f.Object, f.ObjectKind, QuoteOf(text, f.Subject, f.Object)))]);

    // from the subject to the object, as the text states the fact
    private static string QuoteOf(string text, string subject, string obj)
    {
        var start = text.IndexOf(subject, StringComparison.Ordinal);
        var end = text.IndexOf(obj, start, StringComparison.Ordinal) + obj.Length;
        return text[start..end];
    }

    private async Task<IGraphStore> StoreWithAsync(params DocumentGraph[] documents)
    {
        var store = await _files.OpenInitializedAsync();
        foreach (var document in documents)
        {
            await store.ApplyAsync([(await new CrossDocumentIdentity(store).ResolveAsync([document], cancellationToken: Ct))[0]], Ct);
        }

        return store;
    }

    private static async Task<DocumentGraph> ResolveAsync(IGraphStore store, DocumentGraph document) =>
        (await new CrossDocumentIdentity(store).ResolveAsync([document], cancellationToken: Ct))[0];
}
