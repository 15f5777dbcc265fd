using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Storage;

// Merge, split and distinct judgements made through IdentityJudgements over a real ingestion pipeline (the "X knows Y."
// extractor): each holds across a re-ingest, a removal and an export, and revoking one gives back the graph it changed.
public abstract partial class GraphStoreContractTests
{
    private static readonly string Bethany = TestData.Id(EntityKind.Person, "Bethany Redfern");
    private static readonly string Beth = TestData.Id(EntityKind.Person, "Beth Redfern");
    private static readonly string Alex = TestData.Id(EntityKind.Person, "Alex Moreno");
    private static readonly string Footballer = TestData.Id(EntityKind.Person, "Alex Moreno (footballer)");

    /// <summary>A pipeline and the judgements service over a contract store, on a clock the test moves.</summary>
    private sealed class JudgementRig : IDisposable
    {
        public JudgementRig(IGraphStore store)
        {
            Store = store;
            Pipeline = new IngestionPipeline(new StrictTextReader(), new KnowsExtractor(), store, new IngestionOptions(), Time, NullLogger<IngestionPipeline>.Instance);
            Judgements = new IdentityJudgements(store, Pipeline, Time, NullLogger<IdentityJudgements>.Instance);
        }

        public FakeTimeProvider Time { get; } = new(TestData.Epoch);

        public IGraphStore Store { get; }

        public IngestionPipeline Pipeline { get; }

        public IdentityJudgements Judgements { get; }

        public async Task<string> IngestAsync(string source, string text)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            var outcome = await Pipeline.IngestOneAsync(new ContentSource(source, Encoding.UTF8.GetBytes(text), "text/plain"), Ct);
            Assert.NotEqual(DocumentStatus.Failed, outcome.Status);
            return outcome.DocumentId!;
        }

        public async Task<IdentityJudgement> JudgeAsync(JudgementRequest request)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            var outcome = await Judgements.MakeAsync(request, Ct);
            Assert.Null(outcome.Problem);
            Assert.All(outcome.Documents, d => Assert.Equal(DocumentStatus.Updated, d.Status));
            return outcome.Judgement!;
        }

        public async Task<IReadOnlyList<string>> KnownByAsync(string entityId) =>
            (await Store.GetEntityAsync(entityId, Ct))?.Facts.Select(f => f.SubjectId == entityId ? f.ObjectId : f.SubjectId).Order(StringComparer.Ordinal).ToList() ?? [];

        public void Dispose() => Judgements.Dispose();
    }

    [Fact]
    public async Task MergeJudgement_HoldsAcrossReingestOfBothDocumentsARemovalAndAnExport()
    {
        using var rig = new JudgementRig(await CreateEmptyStoreAsync());
        var filing = await rig.IngestAsync("docs/filing.txt", "Bethany Redfern knows Tomas Brennholt.");
        var profile = await rig.IngestAsync("docs/profile.txt", "Beth Redfern knows Ana Ruiz.");

        var merge = await rig.JudgeAsync(JudgementRequest.Merge("Beth Redfern", Bethany, "analyst", "same person: same employer and town"));

        Assert.Null(await rig.Store.GetEntityAsync(Beth, Ct));
        Assert.Equal(Ids("Ana Ruiz", "Tomas Brennholt"), await rig.KnownByAsync(Bethany));
        Assert.Equal(Bethany, (await rig.Store.ResolveAsync("Beth Redfern", Ct)).Entity?.Id);

        // both documents again, one of them edited, and a new one naming the merged name: the judgement applies to each
        await rig.IngestAsync("docs/filing.txt", "Bethany Redfern knows Tomas Brennholt.");
        await rig.IngestAsync("docs/profile.txt", "Beth Redfern knows Ana Ruiz. Beth Redfern knows Carl Cole.");
        await rig.IngestAsync("docs/later.txt", "Beth Redfern knows Dana Dale.");

        Assert.Null(await rig.Store.GetEntityAsync(Beth, Ct));
        Assert.Equal(Ids("Ana Ruiz", "Carl Cole", "Dana Dale", "Tomas Brennholt"), await rig.KnownByAsync(Bethany));

        await rig.Store.RemoveDocumentAsync(filing, Ct);

        Assert.Null(await rig.Store.GetEntityAsync(Beth, Ct));
        Assert.Equal(Ids("Ana Ruiz", "Carl Cole", "Dana Dale"), await rig.KnownByAsync(Bethany));
        Assert.All((await rig.Store.GetDocumentMentionsAsync(profile, Ct))!.Where(m => m.Text == "Beth Redfern"), m => Assert.Equal(Bethany, m.EntityId));
        var exported = new List<IdentityJudgement>();
        await foreach (var item in rig.Store.ExportAsync(Ct))
        {
            Assert.NotEqual(Beth, item.Entity?.Entity.Id);
            if (item.Judgement is { } judgement)
            {
                exported.Add(judgement);
            }
        }

        AssertSameJudgement(merge, Assert.Single(exported));
    }

    [Fact]
    public async Task MergeJudgement_Revoked_GivesBackTheGraphBeforeIt()
    {
        using var rig = new JudgementRig(await CreateEmptyStoreAsync());
        await rig.IngestAsync("docs/filing.txt", "Bethany Redfern knows Tomas Brennholt.");
        await rig.IngestAsync("docs/profile.txt", "Beth Redfern knows Ana Ruiz. Tomas Brennholt knows Ana Ruiz.");
        var before = await GraphLinesAsync(rig.Store);
        var merge = await rig.JudgeAsync(JudgementRequest.Merge(Beth, "Bethany Redfern", "analyst"));
        Assert.NotEqual(before, await GraphLinesAsync(rig.Store));

        rig.Time.Advance(TimeSpan.FromHours(1));
        var revoked = await rig.Judgements.RevokeAsync(merge.Id, "lead", Ct);

        Assert.Null(revoked.Problem);
        Assert.Equal((rig.Time.GetUtcNow(), "lead"), (revoked.Judgement!.RevokedAt!.Value, revoked.Judgement.RevokedBy));
        Assert.NotEmpty(revoked.Documents);
        Assert.Equal(before, await GraphLinesAsync(rig.Store));
        // the record stays, revoked; the merged name keeps its own entity again (the target keeps the alias it gained)
        Assert.False(Assert.Single(await rig.Store.ListJudgementsAsync(Ct)).IsActive);
        Assert.Equal(Beth, (await rig.Store.ResolveAsync("Beth Redfern", Ct)).Entity?.Id);
        Assert.Equal(JudgementProblemKind.Conflict, (await rig.Judgements.RevokeAsync(merge.Id, "lead", Ct)).Problem?.Kind);
    }

    [Fact]
    public async Task SplitJudgement_HoldsAcrossReingest_AndRevokingItJoinsTheMentionsAgain()
    {
        using var rig = new JudgementRig(await CreateEmptyStoreAsync());
        await rig.IngestAsync("docs/minister.txt", "Alex Moreno knows Ana Ruiz.");
        var match = await rig.IngestAsync("docs/match.txt", "Alex Moreno knows Carl Cole.");
        var before = await GraphLinesAsync(rig.Store);

        var split = await rig.JudgeAsync(JudgementRequest.Split("Alex Moreno", [match], "Alex Moreno (footballer)", "analyst", "a namesake"));

        Assert.Equal((Footballer, EntityKind.Person), (split.Other.Id, split.Other.Kind));
        Assert.Equal(Ids("Ana Ruiz"), await rig.KnownByAsync(Alex));
        Assert.Equal(Ids("Carl Cole"), await rig.KnownByAsync(Footballer));

        await rig.IngestAsync("docs/match.txt", "Alex Moreno knows Carl Cole. Alex Moreno knows Dana Dale.");
        await rig.IngestAsync("docs/minister.txt", "Alex Moreno knows Ana Ruiz. Alex Moreno knows Tomas Brennholt.");

        Assert.Equal(Ids("Ana Ruiz", "Tomas Brennholt"), await rig.KnownByAsync(Alex));
        Assert.Equal(Ids("Carl Cole", "Dana Dale"), await rig.KnownByAsync(Footballer));
        Assert.All((await rig.Store.GetDocumentMentionsAsync(match, Ct))!.Where(m => m.Text == "Alex Moreno"), m => Assert.Equal(Footballer, m.EntityId));
        // the name still finds the entity it is the canonical name of
        Assert.Equal(Alex, (await rig.Store.ResolveAsync("Alex Moreno", Ct)).Entity?.Id);

        await rig.IngestAsync("docs/match.txt", "Alex Moreno knows Carl Cole.");
        await rig.IngestAsync("docs/minister.txt", "Alex Moreno knows Ana Ruiz.");
        Assert.Null((await rig.Judgements.RevokeAsync(split.Id, "analyst", Ct)).Problem);

        Assert.Null(await rig.Store.GetEntityAsync(Footballer, Ct));
        Assert.Equal(Ids("Ana Ruiz", "Carl Cole"), await rig.KnownByAsync(Alex));
        Assert.Equal(before, await GraphLinesAsync(rig.Store));
    }

    [Fact]
    public async Task DistinctJudgement_RefusesAMergeOfItsEnds_AndHoldsForWhatIsMergedIntoOne()
    {
        using var rig = new JudgementRig(await CreateEmptyStoreAsync());
        await rig.IngestAsync("docs/a.txt", "Bethany Redfern knows Tomas Brennholt.");
        await rig.IngestAsync("docs/b.txt", "Beth Redfern knows Ana Ruiz.");
        await rig.IngestAsync("docs/c.txt", "Betty Redfern knows Carl Cole.");
        var distinct = await rig.JudgeAsync(JudgementRequest.Distinct("Bethany Redfern", "Beth Redfern", "analyst", "different birth years"));

        var refused = await rig.Judgements.MakeAsync(JudgementRequest.Merge("Beth Redfern", "Bethany Redfern", "intern"), Ct);
        var again = await rig.Judgements.MakeAsync(JudgementRequest.Distinct("Beth Redfern", "Bethany Redfern", "intern"), Ct);
        await rig.JudgeAsync(JudgementRequest.Merge("Betty Redfern", "Beth Redfern", "analyst"));

        Assert.Equal(JudgementProblemKind.Conflict, refused.Problem?.Kind);
        Assert.Contains(distinct.Id, refused.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(JudgementProblemKind.Conflict, again.Problem?.Kind);
        Assert.NotNull(await rig.Store.GetEntityAsync(Beth, Ct));
        Assert.Equal(Ids("Tomas Brennholt"), await rig.KnownByAsync(Bethany));
        var inForce = new IdentityJudgementSet(await rig.Store.ListJudgementsAsync(Ct));
        // what the cross-document identity stage asks before it joins a document's entity to a stored one
        Assert.True(inForce.AreDistinct(TestData.Id(EntityKind.Person, "Betty Redfern"), Bethany));
        Assert.False(inForce.AreDistinct(TestData.Id(EntityKind.Person, "Betty Redfern"), Beth));
        Assert.Equal(2, (await rig.Store.ListJudgementsAsync(Ct)).Count);
    }

    [Fact]
    public async Task DistinctJudgement_TheIdentityStageDoesNotJoinADocumentsEntityToTheOneJudgedDifferent()
    {
        using var rig = new JudgementRig(await CreateEmptyStoreAsync());
        var initial = TestData.Id(EntityKind.Person, "Bethany R Redfern");
        await rig.IngestAsync("docs/a.txt", "Bethany Redfern knows Tomas Brennholt.");
        // without a judgement, the same loose name is joined across documents
        var probe = await rig.IngestAsync("docs/probe.txt", "Bethany R Redfern knows Carl Cole.");
        Assert.Equal(Ids("Carl Cole", "Tomas Brennholt"), await rig.KnownByAsync(Bethany));
        await rig.Store.RemoveDocumentAsync(probe, Ct);
        // a store written before the identity stage existed holds the two apart; a user judges them different
        await rig.Store.ApplyAsync([TestData.Batch("docs/old.txt", "Bethany R Redfern knows Ana Ruiz.",
            ("Bethany R Redfern", EntityKind.Person, RelationType.AssociatedWith, "Ana Ruiz", EntityKind.Person, "Bethany R Redfern knows Ana Ruiz"))], Ct);
        await rig.JudgeAsync(JudgementRequest.Distinct(initial, Bethany, "analyst", "the initial is her aunt's"));
        await rig.Store.RemoveDocumentAsync(StableId.Document("docs/old.txt"), Ct);

        await rig.IngestAsync("docs/probe.txt", "Bethany R Redfern knows Carl Cole.");

        Assert.Equal(Ids("Tomas Brennholt"), await rig.KnownByAsync(Bethany));
        Assert.Equal(Ids("Carl Cole"), await rig.KnownByAsync(initial));
    }

    [Fact]
    public async Task Judgements_UnknownOrAmbiguousEntitiesAndForeignDocuments_AreRefusedAndNothingIsStored()
    {
        using var rig = new JudgementRig(await CreateEmptyStoreAsync());
        await rig.IngestAsync("docs/a.txt", "Alex Moreno knows Ana Ruiz.");
        var other = await rig.IngestAsync("docs/b.txt", "Carl Cole knows Dana Dale.");

        var unknown = await rig.Judgements.MakeAsync(JudgementRequest.Merge("Nobody Known", "Alex Moreno", "analyst"), Ct);
        var self = await rig.Judgements.MakeAsync(JudgementRequest.Merge("Alex Moreno", Alex, "analyst"), Ct);
        var foreign = await rig.Judgements.MakeAsync(JudgementRequest.Split("Alex Moreno", [other], "Alex Moreno (footballer)", "analyst"), Ct);
        var sameName = await rig.Judgements.MakeAsync(JudgementRequest.Split("Alex Moreno", [other], "alex  MORENO", "analyst"), Ct);
        var noJudgement = await rig.Judgements.RevokeAsync("jdg_0000000000000000", "analyst", Ct);

        Assert.Equal((JudgementProblemKind.NotFound, "entity"), (unknown.Problem?.Kind, unknown.Problem?.Field));
        Assert.Equal((JudgementProblemKind.Invalid, "other"), (self.Problem?.Kind, self.Problem?.Field));
        Assert.Equal((JudgementProblemKind.NotFound, "documents"), (foreign.Problem?.Kind, foreign.Problem?.Field));
        Assert.Equal((JudgementProblemKind.Invalid, "name"), (sameName.Problem?.Kind, sameName.Problem?.Field));
        Assert.Equal(JudgementProblemKind.NotFound, noJudgement.Problem?.Kind);
        Assert.Empty(await rig.Store.ListJudgementsAsync(Ct));
    }

    private static List<string> Ids(params string[] people) => [.. people.Select(p => TestData.Id(EntityKind.Person, p)).Order(StringComparer.Ordinal)];

    // The graph as paths and lookups see it, aliases aside (a store keeps every alias an entity ever had): entities with
    // their counts, facts with their ends and totals, and every mention.
    private static async Task<List<string>> GraphLinesAsync(IGraphStore store)
    {
        var lines = new List<string> { (await store.CountAsync(Ct)).ToString() };
        await foreach (var item in store.ExportAsync(Ct))
        {
            if (item.Entity is { Entity: var e })
            {
                lines.Add(Line("entity", e.Id, e.Kind, e.Name, e.MentionCount, e.DocCount));
            }
            else if (item.Fact is { } f)
            {
                lines.Add(Line("fact", f.FactKey, f.Type, f.SubjectId, f.ObjectId, f.EvidenceCount, f.DocCount, f.SampleQuote));
            }
            else if (item.Mention is { } m)
            {
                lines.Add(Line("mention", m.Id, m.DocumentId, m.EntityId, m.Start, m.End, m.Text));
            }
            else if (item.Evidence is { } v)
            {
                lines.Add(Line("evidence", v.Id, v.FactKey, v.DocumentId, v.Start, v.End));
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }
}
