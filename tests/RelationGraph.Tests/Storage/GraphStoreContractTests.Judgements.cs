using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage;

// The store verbs identity judgements need: keeping judgements (who, when, why, revoked), reading a document as it was
// ingested, finding an entity's documents, replacing an unchanged document, and exporting judgements.
public abstract partial class GraphStoreContractTests
{
    private static IdentityJudgement SomeMerge(DateTimeOffset at, string reason = "same person in both filings") =>
        IdentityJudgement.Create(JudgementKind.Merge, new JudgedEntity(Bob, EntityKind.Person, "Bob Baker"),
            new JudgedEntity(Alice, EntityKind.Person, "Alice Able"), [], "analyst@example.org", at, reason);

    private static IdentityJudgement SomeSplit(DateTimeOffset at) =>
        IdentityJudgement.Create(JudgementKind.Split, new JudgedEntity(Acme, EntityKind.Organisation, "Acme Corp"),
            new JudgedEntity(TestData.Id(EntityKind.Organisation, "Acme Corp (Ohio)"), EntityKind.Organisation, "Acme Corp (Ohio)"),
            [StableId.Document("docs/bob.txt"), StableId.Document("docs/acme.txt")], "ana", at, null);

    [Fact]
    public async Task AddJudgementAsync_ThenList_KeepsWhoWhenWhyAndTheDocuments()
    {
        var store = await CreateEmptyStoreAsync();
        var merge = SomeMerge(TestData.Epoch.AddHours(1));
        var split = SomeSplit(TestData.Epoch);

        Assert.True(await store.AddJudgementAsync(merge, Ct));
        Assert.True(await store.AddJudgementAsync(split, Ct));
        var again = await store.AddJudgementAsync(merge with { Reason = "changed" }, Ct);

        Assert.False(again);
        var listed = await store.ListJudgementsAsync(Ct);
        Assert.Equal([split.Id, merge.Id], listed.Select(j => j.Id));
        AssertSameJudgement(split, listed[0]);
        AssertSameJudgement(merge, listed[1]);
        Assert.True(listed.All(j => j.IsActive));
    }

    [Fact]
    public async Task RevokeJudgementAsync_KeepsTheRecordWithWhoAndWhen_OnlyOnce()
    {
        var store = await CreateEmptyStoreAsync();
        var merge = SomeMerge(TestData.Epoch);
        await store.AddJudgementAsync(merge, Ct);
        var at = TestData.Epoch.AddDays(2);

        var revoked = await store.RevokeJudgementAsync(merge.Id, at, "lead", Ct);
        var retried = await store.RevokeJudgementAsync(merge.Id, at, "lead", Ct);
        var later = await store.RevokeJudgementAsync(merge.Id, at.AddHours(1), "someone else", Ct);
        var unknown = await store.RevokeJudgementAsync("jdg_0000000000000000", at, "lead", Ct);

        Assert.True(revoked);
        Assert.True(retried);
        Assert.False(later);
        Assert.False(unknown);
        var stored = Assert.Single(await store.ListJudgementsAsync(Ct));
        AssertSameJudgement(merge with { RevokedAt = at, RevokedBy = "lead" }, stored);
        Assert.False(stored.IsActive);
    }

    [Fact]
    public async Task GetEntityDocumentIdsAsync_DocumentsMentioningOrEvidencingIt_InIdOrder()
    {
        var store = await CreateEmptyStoreAsync();
        var acme = TestData.AcmeDocument();
        var bob = TestData.BobDocument();
        await store.ApplyAsync([acme, bob], Ct);

        Assert.Equal(new[] { acme.Document.Id, bob.Document.Id }.Order(StringComparer.Ordinal), await store.GetEntityDocumentIdsAsync(Alice, Ct));
        Assert.Equal([bob.Document.Id], await store.GetEntityDocumentIdsAsync(Bob, Ct));
        Assert.Equal([acme.Document.Id], await store.GetEntityDocumentIdsAsync(Ministry, Ct));
        Assert.Empty(await store.GetEntityDocumentIdsAsync("per_0000000000000000", Ct));
    }

    [Fact]
    public async Task GetEntityDocumentIdsAsync_EntityWithEvidenceButNoMention_FindsTheDocument()
    {
        var store = await CreateEmptyStoreAsync();
        // "the ministry" is never written out, so the batch has no mention of it, only evidence of its fact
        var batch = TestData.Batch("docs/unnamed.txt", "Acme Corp was paid by the ministry.",
            ("Acme Corp", EntityKind.Organisation, RelationType.ContractsWith, "Ministry of Works", EntityKind.Organisation, "Acme Corp was paid by the ministry"));
        await store.ApplyAsync([batch], Ct);

        Assert.Equal([batch.Document.Id], await store.GetEntityDocumentIdsAsync(Ministry, Ct));
    }

    [Fact]
    public async Task GetSourceDocumentAsync_ReturnsTheDocumentAsIngested()
    {
        var store = await CreateEmptyStoreAsync();
        var acme = TestData.AcmeDocument();
        var document = acme.Document with
        {
            Publisher = "The Ledger",
            Author = "R. Writer",
            PublishedAt = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
            MediaType = "text/html",
        };
        await store.ApplyAsync([acme with { Document = document }], Ct);

        var stored = await store.GetSourceDocumentAsync(document.Id, Ct);

        Assert.Equal(document, stored);
        Assert.Null(await store.GetSourceDocumentAsync("doc_0000000000000000", Ct));
    }

    [Fact]
    public async Task ApplyAsync_UnchangedDocumentMarkedReapply_IsReplaced()
    {
        var store = await CreateEmptyStoreAsync();
        var bob = TestData.BobDocument();
        await store.ApplyAsync([TestData.AcmeDocument(), bob], Ct);
        var judged = new IdentityJudgementSet([SomeMerge(TestData.Epoch)]).Apply(bob);

        var plain = Assert.Single(await store.ApplyAsync([judged], Ct));
        var reapplied = Assert.Single(await store.ApplyAsync([judged with { Reapply = true }], Ct));

        Assert.Equal(ApplyOutcome.Unchanged, plain.Outcome);
        Assert.Equal(ApplyOutcome.Updated, reapplied.Outcome);
        Assert.Null(await store.GetEntityAsync(Bob, Ct));
        Assert.Contains("Bob Baker", (await store.GetEntityAsync(Alice, Ct))!.Entity.Aliases);
        Assert.All((await store.GetDocumentMentionsAsync(bob.Document.Id, Ct))!.Where(m => m.Text == "Bob Baker"), m => Assert.Equal(Alice, m.EntityId));
    }

    [Fact]
    public async Task ExportAsync_IncludesEveryJudgementRevokedOnesToo()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var merge = SomeMerge(TestData.Epoch);
        var split = SomeSplit(TestData.Epoch.AddMinutes(1));
        await store.AddJudgementAsync(merge, Ct);
        await store.AddJudgementAsync(split, Ct);
        await store.RevokeJudgementAsync(merge.Id, TestData.Epoch.AddDays(1), "lead", Ct);

        var exported = new List<IdentityJudgement>();
        await foreach (var item in store.ExportAsync(Ct))
        {
            if (item.Judgement is { } judgement)
            {
                exported.Add(judgement);
            }
        }

        Assert.Equal([merge.Id, split.Id], exported.Select(j => j.Id));
        AssertSameJudgement(merge with { RevokedAt = TestData.Epoch.AddDays(1), RevokedBy = "lead" }, exported[0]);
        AssertSameJudgement(split, exported[1]);
    }

    private static void AssertSameJudgement(IdentityJudgement expected, IdentityJudgement actual)
    {
        Assert.Equal(expected with { Documents = [] }, actual with { Documents = [] });
        Assert.Equal(expected.Documents, actual.Documents);
    }
}
