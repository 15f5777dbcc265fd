using RelationGraph.Core.Identity;
using System.Globalization;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage;

/// <summary>
/// What every <see cref="IGraphStore"/> must do. SQLite runs it always; the Neo4j adapter runs it
/// against the in-process Query API fake, and against a live server when NEO4J_URL is set.
/// </summary>
public abstract partial class GraphStoreContractTests
{
    /// <summary>A new, empty, initialised store that the test owns.</summary>
    protected abstract Task<IGraphStore> CreateEmptyStoreAsync();

    /// <summary>Makes the store fail the commit of the transaction that writes <paramref name="documentId"/>; returns what undoes it.</summary>
    protected abstract Action FailCommitOf(IGraphStore store, string documentId);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Alice = TestData.AliceId;
    private static readonly string Bob = TestData.BobId;
    private static readonly string Acme = TestData.AcmeId;
    private static readonly string Ministry = TestData.MinistryId;

    [Fact]
    public async Task ApplyAsync_NewDocument_StoresEverything()
    {
        var store = await CreateEmptyStoreAsync();

        var results = await store.ApplyAsync([TestData.AcmeDocument()], Ct);

        Assert.Equal(ApplyOutcome.Added, Assert.Single(results).Outcome);
        var counts = await store.CountAsync(Ct);
        Assert.Equal(new GraphCounts(1, 4, 3, 3, 3), counts);
    }

    [Fact]
    public async Task FindIdentityCandidatesAsync_LooseAndFamilyKeys_FindPeopleAndOrganisationsByAnyStoredName()
    {
        var store = await CreateEmptyStoreAsync();
        var redfern = TestData.Id(EntityKind.Person, "Dr. Bethany R. Redfern");
        await store.ApplyAsync([TestData.Batch("docs/redfern.txt", "Dr. Bethany R. Redfern works for Acme Corp.",
            ("Dr. Bethany R. Redfern", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Dr. Bethany R. Redfern works for Acme Corp"))], Ct);

        Assert.Equal([redfern], (await store.FindIdentityCandidatesAsync([IdentityKeys.Name("bethany redfern")], Ct)).Select(e => e.Id));
        Assert.Equal([redfern], (await store.FindIdentityCandidatesAsync([IdentityKeys.Family("redfern")], Ct)).Select(e => e.Id));
        Assert.Equal([Acme, redfern], (await store.FindIdentityCandidatesAsync([IdentityKeys.Name("acme corp"), IdentityKeys.Name("bethany redfern"), IdentityKeys.Family("nobody")], Ct))
            .Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await store.FindIdentityCandidatesAsync([IdentityKeys.Family("acme corp")], Ct)); // family keys are people's

        await store.RemoveDocumentAsync(TestData.Batch("docs/redfern.txt", "x").Document.Id, Ct);
        Assert.Empty(await store.FindIdentityCandidatesAsync([IdentityKeys.Name("bethany redfern"), IdentityKeys.Name("acme corp")], Ct));
    }

    [Fact]
    public async Task ApplyAsync_SameDocumentTwice_SecondIsUnchangedAndAddsNothing()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var before = await store.CountAsync(Ct);

        var results = await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);

        Assert.All(results, r => Assert.Equal(ApplyOutcome.Unchanged, r.Outcome));
        Assert.Equal(before, await store.CountAsync(Ct));
    }

    [Fact]
    public async Task ApplyAsync_ChangedDocument_ReplacesOnlyItsOwnEvidence()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var employedBy = StableId.Fact(RelationType.EmployedBy, Alice, Acme);

        // the new version only says Alice works for Acme: the contract and the ministry lose their only support
        var edited = TestData.Batch("docs/acme.txt", "Alice Able works for Acme Corp, it says.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"));
        var result = Assert.Single(await store.ApplyAsync([edited], Ct));

        Assert.Equal(ApplyOutcome.Updated, result.Outcome);
        Assert.Null(await store.GetEntityAsync(Ministry, Ct));
        Assert.NotNull(await store.GetEntityAsync(Bob, Ct));
        var page = await store.GetEvidenceAsync(employedBy, 0, 10, Ct);
        Assert.NotNull(page);
        Assert.Equal(2, page.Total);
        Assert.Equal(2, page.Fact.DocCount);
        Assert.Contains(page.Items, e => e.Quote == "Alice Able works for Acme Corp" && e.DocumentId == edited.Document.Id);
        Assert.Equal(new GraphCounts(2, 3, 2, 5, 3), await store.CountAsync(Ct));
    }

    [Fact]
    public async Task ApplyAsync_OneDocumentFailsAtCommit_TheOthersAreWrittenAndOnlyItIsReportedFailed()
    {
        var store = await CreateEmptyStoreAsync();
        var carol = CarolDocument();
        DocumentGraph[] batch = [TestData.AcmeDocument(), carol, TestData.BobDocument()];
        var stopFailing = FailCommitOf(store, carol.Document.Id);

        var results = await store.ApplyAsync(batch, Ct);

        Assert.Equal(batch.Select(b => b.Document.Id), results.Select(r => r.DocumentId));
        Assert.Equal([ApplyOutcome.Added, ApplyOutcome.Failed, ApplyOutcome.Added], results.Select(r => r.Outcome));
        Assert.Contains("injected failure at commit", results[1].Error, StringComparison.Ordinal);
        Assert.All([results[0], results[2]], r => Assert.Null(r.Error));
        Assert.Null(await store.GetDocumentStateAsync(carol.Document.Id, Ct));
        Assert.Equal(new GraphCounts(2, 5, 4, 6, 5), await store.CountAsync(Ct));

        stopFailing();
        var again = await store.ApplyAsync(batch, Ct);

        Assert.Equal([ApplyOutcome.Unchanged, ApplyOutcome.Added, ApplyOutcome.Unchanged], again.Select(r => r.Outcome));
    }

    [Theory]
    [InlineData("confidence-above-one", "has confidence 1.5, not between 0 and 1")]
    [InlineData("confidence-nan", "has confidence NaN, not between 0 and 1")]
    [InlineData("entity-twice", "appears twice")]
    [InlineData("fact-twice", "appears twice")]
    [InlineData("fact-endpoint-undefined", "which the batch does not both define")]
    [InlineData("evidence-for-undefined-fact", "which the batch does not define")]
    [InlineData("mention-of-undefined-entity", "which the batch does not define")]
    [InlineData("evidence-of-another-document", "belongs to document doc_other")]
    [InlineData("span-past-the-text", "is outside the document's")]
    [InlineData("symmetric-fact-out-of-key-order", "is not in key order")]
    [InlineData("no-extractor-version", "has no extractor version")]
    public async Task ApplyAsync_InvalidDocument_FailsAloneWithTheReasonAndWritesNothingOfIt(string breakage, string reason)
    {
        var store = await CreateEmptyStoreAsync();
        var bad = Break(CarolDocument(), breakage);

        var results = await store.ApplyAsync([TestData.AcmeDocument(), bad], Ct);

        Assert.Equal([ApplyOutcome.Added, ApplyOutcome.Failed], results.Select(r => r.Outcome));
        Assert.Contains(reason, results[1].Error, StringComparison.Ordinal);
        Assert.Null(await store.GetDocumentStateAsync(bad.Document.Id, Ct));
        Assert.Equal(new GraphCounts(1, 4, 3, 3, 3), await store.CountAsync(Ct));
    }

    [Fact]
    public async Task FindPathsAsync_RequestOverABound_ThrowsOutOfRangeOnEveryStore()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var request = new PathRequest { FromId = Alice, ToId = Ministry };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.FindPathsAsync(request with { MaxHops = PathRequest.MaxHopsLimit + 1 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.FindPathsAsync(request with { K = 0 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.FindPathsAsync(request with { EvidencePerHop = PathRequestBounds.MaxEvidencePerHop + 1 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.FindPathsAsync(request with { Filter = new PathFilter { MinConfidence = 1.5 } }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetNeighboursAsync(Alice, new PathFilter { MinDocs = -1 }, 10, Ct));
    }

    // A third document, about someone the fixture documents do not name: Carol Cole funds Acme Corp.
    private static DocumentGraph CarolDocument() => TestData.Batch("docs/carol.txt", "Carol Cole funds Acme Corp, filings show.",
        ("Carol Cole", EntityKind.Person, RelationType.Funds, "Acme Corp", EntityKind.Organisation, "Carol Cole funds Acme Corp"));

    private static DocumentGraph Break(DocumentGraph batch, string breakage)
    {
        var evidence = batch.Evidence[0];
        var fact = batch.Facts[0];
        var (low, high) = string.CompareOrdinal(Alice, Bob) < 0 ? (Alice, Bob) : (Bob, Alice);
        var associated = new FactRecord(StableId.Fact(RelationType.AssociatedWith, low, high), RelationType.AssociatedWith, high, low);
        return breakage switch
        {
            "confidence-above-one" => batch with { Evidence = [evidence with { Confidence = 1.5 }] },
            "confidence-nan" => batch with { Evidence = [evidence with { Confidence = double.NaN }] },
            "entity-twice" => batch with { Entities = [.. batch.Entities, batch.Entities[0]] },
            "fact-twice" => batch with { Facts = [fact, fact] },
            "fact-endpoint-undefined" => batch with { Facts = [fact with { ObjectId = Ministry }] },
            "evidence-for-undefined-fact" => batch with { Evidence = [evidence with { FactKey = "fact_nobody_declared" }] },
            "mention-of-undefined-entity" => batch with { Mentions = [batch.Mentions[0] with { EntityId = Ministry }] },
            "evidence-of-another-document" => batch with { Evidence = [evidence with { DocumentId = "doc_other" }] },
            "span-past-the-text" => batch with { Evidence = [evidence with { End = batch.Document.Text.Length + 1 }] },
            "symmetric-fact-out-of-key-order" => batch with
            {
                Entities = [.. batch.Entities, new ExtractedEntity(Alice, EntityKind.Person, "Alice Able", []), new ExtractedEntity(Bob, EntityKind.Person, "Bob Baker", [])],
                Facts = [fact, associated],
            },
            "no-extractor-version" => batch with { ExtractorVersion = " " },
            _ => throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage"),
        };
    }

    [Fact]
    public async Task GetEntitySummaryAsync_EqualsTheDetailsEntity_NullWhenUnknown()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);

        var summary = await store.GetEntitySummaryAsync(Acme, Ct);
        var detail = await store.GetEntityAsync(Acme, Ct);

        Assert.NotNull(summary);
        Assert.NotNull(detail);
        Assert.Equal(detail.Entity.Id, summary.Id);
        Assert.Equal(detail.Entity.Name, summary.Name);
        Assert.Equal(detail.Entity.MentionCount, summary.MentionCount);
        Assert.Equal(detail.Entity.DocCount, summary.DocCount);
        Assert.Equal(detail.Entity.Aliases, summary.Aliases);
        Assert.Null(await store.GetEntitySummaryAsync("per_0000000000000000", Ct));
    }

    [Fact]
    public async Task FindByNameAsync_MatchesNormalisedNameOrAlias()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);

        var found = await store.FindByNameAsync("  ACME corp ", Ct);

        Assert.Equal(Acme, Assert.Single(found).Id);
        Assert.Empty(await store.FindByNameAsync("Nobody Known", Ct));
    }

    [Fact]
    public async Task FindPathsAsync_ThreeHops_ReturnsDirectionsAndEvidenceThatPointsAtTheText()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);

        var result = await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Ministry, MaxHops = 4 }, Ct);

        var path = Assert.Single(result.Paths);
        Assert.Equal([Bob, Alice, Acme, TestData.Id(EntityKind.Contract, "Ministry road contract (2024)"), Ministry], path.Nodes.Select(n => n.Id));
        Assert.Equal([RelationType.AssociatedWith, RelationType.EmployedBy, RelationType.PartyTo, RelationType.AwardedBy], path.Hops.Select(h => h.Fact.Type));
        Assert.All(path.Hops.Skip(1), h => Assert.True(h.Forward));
        foreach (var evidence in path.Hops.SelectMany(h => h.Evidence))
        {
            var text = evidence.DocumentId == StableId.Document("docs/acme.txt") ? TestData.AcmeText : TestData.BobText;
            Assert.Equal(evidence.Quote, text[evidence.Start..evidence.End]);
            Assert.Equal(["[1]"], evidence.Citations);
        }

        Assert.All(path.Hops, h => Assert.NotEmpty(h.Evidence));
    }

    [Fact]
    public async Task FindPathsAsync_TypeFilterExcludesTheOnlyRoute_ReturnsNoPath()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var filter = new PathFilter { Types = new HashSet<RelationType> { RelationType.AssociatedWith, RelationType.PartyTo } };

        var result = await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Acme, Filter = filter }, Ct);

        Assert.Empty(result.Paths);
    }

    [Fact]
    public async Task FindPathsAsync_MaxHopsTooSmall_ReturnsNoPath()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);

        var result = await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Ministry, MaxHops = 3 }, Ct);

        Assert.Empty(result.Paths);
    }

    [Fact]
    public async Task GetEvidenceAsync_PagesThroughAllEvidence()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var key = StableId.Fact(RelationType.EmployedBy, Alice, Acme);

        var first = await store.GetEvidenceAsync(key, 0, 1, Ct);
        var second = await store.GetEvidenceAsync(key, 1, 1, Ct);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(2, first.Total);
        Assert.NotEqual(Assert.Single(first.Items).Id, Assert.Single(second.Items).Id);
        Assert.Null(await store.GetEvidenceAsync("fact_unknown", 0, 1, Ct));
    }

    [Fact]
    public async Task GetEvidenceAsync_DatedDocument_ItemsCarryItsPublicationDate()
    {
        var store = await CreateEmptyStoreAsync();
        var published = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var acme = TestData.AcmeDocument();
        await store.ApplyAsync([acme with { Document = acme.Document with { PublishedAt = published } }, TestData.BobDocument()], Ct);

        var page = await store.GetEvidenceAsync(StableId.Fact(RelationType.EmployedBy, Alice, Acme), 0, 10, Ct);

        Assert.NotNull(page);
        Assert.Equal(
            [(acme.Document.Id, (DateTimeOffset?)published), (TestData.BobDocument().Document.Id, null)],
            page.Items.Select(e => (e.DocumentId, e.DocumentPublishedAt)).OrderBy(x => x.Item2 is null));
    }

    [Fact]
    public async Task GetDocumentMentionsAsync_ReturnsItsOwnMentionsInTextOrder()
    {
        var store = await CreateEmptyStoreAsync();
        var acme = TestData.AcmeDocument();
        var quiet = TestData.Batch("docs/quiet.txt", "Nothing happened.");
        await store.ApplyAsync([acme, TestData.BobDocument(), quiet], Ct);

        var mentions = await store.GetDocumentMentionsAsync(acme.Document.Id, Ct);

        Assert.NotNull(mentions);
        Assert.NotEmpty(mentions);
        Assert.Equal(acme.Mentions.OrderBy(m => m.Start).ThenBy(m => m.Id, StringComparer.Ordinal), mentions);
        Assert.Empty((await store.GetDocumentMentionsAsync(quiet.Document.Id, Ct))!);
        Assert.Null(await store.GetDocumentMentionsAsync("doc_0000000000000000", Ct));
    }

    [Fact]
    public async Task GetNeighboursAsync_ReturnsFactsInBothDirections()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);

        var neighbours = await store.GetNeighboursAsync(Acme, PathFilter.None, 10, Ct);

        Assert.Equal(2, neighbours.Count);
        Assert.Contains(neighbours, n => n.Entity.Id == Alice && !n.Outgoing && n.Fact.Type == RelationType.EmployedBy);
        Assert.Contains(neighbours, n => n.Outgoing && n.Fact.Type == RelationType.PartyTo);
    }

    [Fact]
    public async Task SearchEntitiesAsync_FindsByPartialNameAndKind()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);

        var people = await store.SearchEntitiesAsync(new EntitySearch("able", EntityKind.Person), Ct);
        var orgs = await store.SearchEntitiesAsync(new EntitySearch("able", EntityKind.Organisation), Ct);

        Assert.Equal(Alice, Assert.Single(people).Id);
        Assert.Empty(orgs);
    }

    [Fact]
    public async Task SearchEntitiesAsync_RanksExactThenPrefixThenContains_WildcardsAreLiteral()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.Batch("docs/ann.txt", "Joanna Reid met Ann and Annabel Price.",
            ("Joanna Reid", EntityKind.Person, RelationType.AssociatedWith, "Ann", EntityKind.Person, "Joanna Reid met Ann"),
            ("Ann", EntityKind.Person, RelationType.AssociatedWith, "Annabel Price", EntityKind.Person, "Ann and Annabel Price"))], Ct);

        var found = await store.SearchEntitiesAsync(new EntitySearch("ann"), Ct);

        Assert.Equal(["Ann", "Annabel Price", "Joanna Reid"], found.Select(e => e.Name));
        Assert.Equal(["Ann", "Annabel Price"], (await store.SearchEntitiesAsync(new EntitySearch("ann", Limit: 2), Ct)).Select(e => e.Name));
        Assert.Equal(["Annabel Price"], (await store.SearchEntitiesAsync(new EntitySearch("annabel", Limit: 1), Ct)).Select(e => e.Name));
        Assert.Empty(await store.SearchEntitiesAsync(new EntitySearch("a_n"), Ct));
        Assert.Empty(await store.SearchEntitiesAsync(new EntitySearch("jo%reid"), Ct));
    }

    [Fact]
    public async Task ApplyAsync_CypherLookingName_IsStoredVerbatim()
    {
        var store = await CreateEmptyStoreAsync();
        const string name = "Robert'); MATCH (n) DETACH DELETE n; //";
        var text = $"{name} works for Acme Corp.";
        var batch = TestData.Batch("docs/evil.txt", text,
            (name, EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, text));

        await store.ApplyAsync([batch], Ct);

        var entity = await store.GetEntityAsync(TestData.Id(EntityKind.Person, name), Ct);
        Assert.NotNull(entity);
        Assert.Equal(name, entity.Entity.Name);
        Assert.Equal(2, (await store.CountAsync(Ct)).Entities);
    }

    [Fact]
    public async Task GetDocumentAsync_ReturnsStoredTextAndState()
    {
        var store = await CreateEmptyStoreAsync();
        var batch = TestData.AcmeDocument();
        await store.ApplyAsync([batch], Ct);

        var document = await store.GetDocumentAsync(batch.Document.Id, Ct);
        var state = await store.GetDocumentStateAsync(batch.Document.Id, Ct);

        Assert.NotNull(document);
        Assert.Equal(TestData.AcmeText, document.Text);
        Assert.Equal(new StoredDocumentState(batch.Document.Id, batch.Document.ContentHash, TestData.ExtractorVersion), state);
        Assert.Single(await store.ListDocumentsAsync(0, 10, Ct));
    }

    [Fact]
    public async Task HasEverHeldDocumentsAsync_NewStore_IsFalse()
    {
        var store = await CreateEmptyStoreAsync();

        Assert.False(await store.HasEverHeldDocumentsAsync(Ct));
    }

    [Fact]
    public async Task HasEverHeldDocumentsAsync_EveryDocumentRemoved_StaysTrue()
    {
        var store = await CreateEmptyStoreAsync();
        var acme = TestData.AcmeDocument();
        await store.ApplyAsync([acme], Ct);

        await store.RemoveDocumentAsync(acme.Document.Id, Ct);

        Assert.Equal(0, (await store.CountAsync(Ct)).Documents);
        Assert.True(await store.HasEverHeldDocumentsAsync(Ct));
    }

    [Fact]
    public async Task RemoveDocumentAsync_DocumentSharingAFact_RemovesOnlyItsOwnSupportAndRecounts()
    {
        var store = await CreateEmptyStoreAsync();
        var acme = TestData.AcmeDocument();
        var bob = TestData.BobDocument();
        await store.ApplyAsync([acme, bob], Ct);
        var contract = TestData.Id(EntityKind.Contract, "Ministry road contract (2024)");
        var employedBy = StableId.Fact(RelationType.EmployedBy, Alice, Acme);
        var partyTo = StableId.Fact(RelationType.PartyTo, Acme, contract);
        Assert.Single((await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Ministry, MaxHops = 4 }, Ct)).Paths);

        var result = await store.RemoveDocumentAsync(acme.Document.Id, Ct);

        // Alice, Acme, the contract and the ministry were touched; the contract and the ministry had no other support
        Assert.Equal(new ApplyResult(acme.Document.Id, ApplyOutcome.Removed, new(0, 2, 2), new(0, 1, 2), new(0, 0, 3)), result);
        Assert.Equal(new GraphCounts(1, 3, 2, 3, 2), await store.CountAsync(Ct));
        Assert.Null(await store.GetDocumentAsync(acme.Document.Id, Ct));
        Assert.Null(await store.GetDocumentStateAsync(acme.Document.Id, Ct));
        Assert.Equal([bob.Document.Id], (await store.ListDocumentsAsync(0, 10, Ct)).Select(d => d.Id));
        Assert.Null(await store.GetEntityAsync(Ministry, Ct));
        Assert.Null(await store.GetEntityAsync(contract, Ct));
        Assert.Empty(await store.FindByNameAsync("Ministry of Works", Ct));
        Assert.Null(await store.GetEvidenceAsync(partyTo, 0, 10, Ct));
        Assert.Empty((await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Ministry, MaxHops = 4 }, Ct)).Paths);

        // the shared fact keeps only the other document's evidence, with totals of that evidence alone
        var page = await store.GetEvidenceAsync(employedBy, 0, 10, Ct);
        Assert.NotNull(page);
        Assert.Equal(1, page.Total);
        Assert.Equal((1, 1), (page.Fact.EvidenceCount, page.Fact.DocCount));
        Assert.Equal(0.9, page.Fact.Confidence, 9);
        Assert.Equal("Alice Able, an Acme Corp engineer", page.Fact.SampleQuote);
        var evidence = Assert.Single(page.Items);
        Assert.Equal((bob.Document.Id, "Alice Able, an Acme Corp engineer"), (evidence.DocumentId, evidence.Quote));
        var alice = await store.GetEntityAsync(Alice, Ct);
        Assert.NotNull(alice);
        Assert.Equal((1, 1), (alice.Entity.MentionCount, alice.Entity.DocCount));
        Assert.Equal(new[] { employedBy, StableId.Fact(RelationType.AssociatedWith, Bob, Alice) }.Order(StringComparer.Ordinal), alice.Facts.Select(f => f.FactKey).Order(StringComparer.Ordinal));
        var remaining = Assert.Single((await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Acme }, Ct)).Paths);
        Assert.All(remaining.Hops.SelectMany(h => h.Evidence), e => Assert.Equal(bob.Document.Id, e.DocumentId));
        Assert.Null(await store.RemoveDocumentAsync(acme.Document.Id, Ct));
    }

    [Fact]
    public async Task RemoveDocumentAsync_OnlySupportOfAFactBetweenSurvivors_RemovesTheFactAndRecountsItsEntities()
    {
        var store = await CreateEmptyStoreAsync();
        var bob = TestData.BobDocument();
        var bobAtAcme = TestData.Batch("docs/bob-acme.txt", "Bob Baker works for Acme Corp.",
            ("Bob Baker", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Bob Baker works for Acme Corp"));
        await store.ApplyAsync([TestData.AcmeDocument(), bob, bobAtAcme], Ct);
        var associates = new PathFilter { Types = new HashSet<RelationType> { RelationType.AssociatedWith } };
        Assert.Single((await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Alice, Filter = associates }, Ct)).Paths);

        var result = await store.RemoveDocumentAsync(bob.Document.Id, Ct);

        // Bob, Alice and Acme were touched and are still mentioned elsewhere; only the association had no other evidence
        Assert.Equal(new ApplyResult(bob.Document.Id, ApplyOutcome.Removed, new(0, 3, 0), new(0, 1, 1), new(0, 0, 2)), result);
        Assert.Equal(new GraphCounts(2, 5, 4, 5, 4), await store.CountAsync(Ct));
        Assert.Null(await store.GetEvidenceAsync(StableId.Fact(RelationType.AssociatedWith, Bob, Alice), 0, 10, Ct));
        Assert.Empty((await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Alice, Filter = associates }, Ct)).Paths);
        var detour = Assert.Single((await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Alice }, Ct)).Paths);
        Assert.Equal([Bob, Acme, Alice], detour.Nodes.Select(n => n.Id));
        foreach (var id in new[] { Bob, Alice })
        {
            var entity = await store.GetEntityAsync(id, Ct);
            Assert.NotNull(entity);
            Assert.Equal((1, 1), (entity.Entity.MentionCount, entity.Entity.DocCount));
            Assert.Single(entity.Facts);
        }

        var acme = await store.GetEntityAsync(Acme, Ct);
        Assert.NotNull(acme);
        Assert.Equal((2, 2), (acme.Entity.MentionCount, acme.Entity.DocCount));
    }

    [Fact]
    public async Task RemoveDocumentAsync_OnlyDocument_LeavesAnEmptyGraph()
    {
        var store = await CreateEmptyStoreAsync();
        var acme = TestData.AcmeDocument();
        await store.ApplyAsync([acme], Ct);

        var result = await store.RemoveDocumentAsync(acme.Document.Id, Ct);

        Assert.Equal(new ApplyResult(acme.Document.Id, ApplyOutcome.Removed, new(0, 0, 4), new(0, 0, 3), new(0, 0, 3)), result);
        Assert.Equal(new GraphCounts(0, 0, 0, 0, 0), await store.CountAsync(Ct));
        Assert.Empty(await store.ListDocumentsAsync(0, 10, Ct));
        Assert.Empty(await store.SearchEntitiesAsync(new EntitySearch("a"), Ct));
        await foreach (var item in store.ExportAsync(Ct))
        {
            Assert.Fail($"an empty graph exports nothing, got {item}");
        }
    }

    [Fact]
    public async Task RemoveDocumentAsync_UnknownDocument_ReturnsNullAndChangesNothing()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var before = await SnapshotAsync(store);

        var result = await store.RemoveDocumentAsync(StableId.Document("docs/never-ingested.txt"), Ct);

        Assert.Null(result);
        Assert.Equal(before, await SnapshotAsync(store));
        Assert.Equal(2, (await store.ListDocumentsAsync(0, 10, Ct)).Count);
    }

    [Fact]
    public async Task RemoveDocumentAsync_ThenApplyAgain_IsAddedAndGraphEqualsBefore()
    {
        var store = await CreateEmptyStoreAsync();
        var acme = TestData.AcmeDocument();
        await store.ApplyAsync([acme, TestData.BobDocument()], Ct);
        var before = await SnapshotAsync(store);

        await store.RemoveDocumentAsync(acme.Document.Id, Ct);
        var again = Assert.Single(await store.ApplyAsync([acme], Ct));

        // Alice and Acme survived in the other document; the contract, the ministry and their two facts come back new
        Assert.Equal(new ApplyResult(acme.Document.Id, ApplyOutcome.Added, new(2, 2, 0), new(2, 1, 0), new(3, 0, 0)), again);
        Assert.Equal(before, await SnapshotAsync(store));
        Assert.Equal(new StoredDocumentState(acme.Document.Id, acme.Document.ContentHash, TestData.ExtractorVersion), await store.GetDocumentStateAsync(acme.Document.Id, Ct));
    }

    // Everything a removal could disturb except ingestion times (a re-applied document is ingested anew):
    // counts, each entity's totals, each fact's totals and its whole evidence page, and every mention.
    private static async Task<List<string>> SnapshotAsync(IGraphStore store)
    {
        var counts = await store.CountAsync(Ct);
        var lines = new List<string> { counts.ToString() };
        await foreach (var item in store.ExportAsync(Ct))
        {
            if (item.Document is { } d)
            {
                lines.Add(Line("document", d.Document.Id, d.Document.ContentHash, d.Document.ExtractorVersion, d.Text, d.MentionCount, d.EvidenceCount));
            }
            else if (item.Entity is { Entity: var e })
            {
                lines.Add(Line("entity", e.Id, e.Kind, e.Name, string.Join('|', e.Aliases), e.MentionCount, e.DocCount));
            }
            else if (item.Fact is { } f)
            {
                lines.Add(Line("fact", f.FactKey, f.Type, f.SubjectId, f.ObjectId, Math.Round(f.Confidence, 9), f.EvidenceCount, f.DocCount, f.SampleQuote, string.Join('|', f.Extractors)));
                var page = await store.GetEvidenceAsync(f.FactKey, 0, 100, Ct);
                Assert.NotNull(page);
                lines.Add(Line("page", f.FactKey, page.Total));
                lines.AddRange(page.Items.Select(v => Line("evidence", v.Id, v.DocumentId, v.Start, v.End, v.Quote, string.Join('|', v.Citations), v.Extractor, v.Confidence)));
            }
            else if (item.Mention is { } m)
            {
                lines.Add(Line("mention", m.Id, m.DocumentId, m.EntityId, m.Start, m.End, m.Text));
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static string Line(params object?[] values) => string.Join(" ; ", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
}
