using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Identity;

public sealed class IdentityJudgementSetTests
{
    private static readonly JudgedEntity A = Person("Ann Archer");
    private static readonly JudgedEntity B = Person("Ann B. Archer");
    private static readonly JudgedEntity C = Person("Annie Archer");
    private static readonly JudgedEntity N = Person("Ann Archer (painter)");

    private static JudgedEntity Person(string name) => new(StableId.Entity(EntityKind.Person, name), EntityKind.Person, name);

    private static int _minutes;

    private static IdentityJudgement Judge(JudgementKind kind, JudgedEntity entity, JudgedEntity other, params string[] documents) =>
        IdentityJudgement.Create(kind, entity, other, documents, "analyst", TestData.Epoch.AddMinutes(Interlocked.Increment(ref _minutes)), null);

    private static DocumentGraph Story(string source, string subject) => TestData.Batch(source, $"{subject} knows Carl Cole.",
        (subject, EntityKind.Person, RelationType.AssociatedWith, "Carl Cole", EntityKind.Person, $"{subject} knows Carl Cole"));

    [Fact]
    public void Apply_NoJudgementConcernsTheDocument_ReturnsTheSameGraph()
    {
        var story = Story("docs/a.txt", "Ann Archer");
        var set = new IdentityJudgementSet([Judge(JudgementKind.Merge, C, B), Judge(JudgementKind.Distinct, A, B)]);

        Assert.Same(story, set.Apply(story));
        Assert.Same(story, IdentityJudgementSet.Empty.Apply(story));
    }

    [Fact]
    public void Apply_Merge_RewritesTheEntityWithItsMentionsFactsAndEvidenceAndKeepsItsNameAsAlias()
    {
        var story = Story("docs/a.txt", "Ann Archer");
        var set = new IdentityJudgementSet([Judge(JudgementKind.Merge, A, B)]);

        var applied = set.Apply(story);

        var entity = Assert.Single(applied.Entities, e => e.Id == B.Id);
        Assert.Equal(B.Name, entity.Name);
        Assert.Equal(["Ann Archer"], entity.Aliases);
        Assert.DoesNotContain(applied.Entities, e => e.Id == A.Id);
        var fact = Assert.Single(applied.Facts);
        Assert.Equal(StableId.Fact(RelationType.AssociatedWith, B.Id, StableId.Entity(EntityKind.Person, "Carl Cole")), fact.FactKey);
        Assert.Equal(fact.FactKey, Assert.Single(applied.Evidence).FactKey);
        var mention = Assert.Single(applied.Mentions, m => m.EntityId == B.Id);
        Assert.Equal(StableId.Mention(story.Document.Id, mention.Start, mention.End, B.Id), mention.Id);
    }

    [Fact]
    public void Resolve_MergeIntoAnEntityMergedAwayLater_EndsAtTheLastOne()
    {
        var set = new IdentityJudgementSet([Judge(JudgementKind.Merge, B, C), Judge(JudgementKind.Merge, A, B)]);

        Assert.Equal(C.Id, set.Resolve(A.Id));
        Assert.Equal(C.Id, set.Resolve(B.Id));
        Assert.Equal(C.Id, Assert.Single(set.Apply(Story("docs/a.txt", "Ann Archer")).Entities, e => e.Id != StableId.Entity(EntityKind.Person, "Carl Cole")).Id);
    }

    [Fact]
    public void Apply_SplitThenTheRestMergedElsewhere_TheSplitOffMentionsStaySplitOff()
    {
        var set = new IdentityJudgementSet([Judge(JudgementKind.Split, A, N, StableId.Document("docs/a.txt")), Judge(JudgementKind.Merge, A, B)]);

        Assert.Contains(set.Apply(Story("docs/a.txt", "Ann Archer")).Entities, e => e.Id == N.Id);
        Assert.Contains(set.Apply(Story("docs/b.txt", "Ann Archer")).Entities, e => e.Id == B.Id);
    }

    [Fact]
    public void Apply_MergedIntoAnEntityLaterSplit_FollowsTheSplitInItsDocuments()
    {
        var set = new IdentityJudgementSet([Judge(JudgementKind.Merge, B, A), Judge(JudgementKind.Split, A, N, StableId.Document("docs/a.txt"))]);

        Assert.Contains(set.Apply(Story("docs/a.txt", "Ann B. Archer")).Entities, e => e.Id == N.Id);
        Assert.Contains(set.Apply(Story("docs/b.txt", "Ann B. Archer")).Entities, e => e.Id == A.Id);
    }

    [Fact]
    public void Apply_JudgementsThatGoRoundInACircle_Settle()
    {
        var set = new IdentityJudgementSet([Judge(JudgementKind.Split, A, N, StableId.Document("docs/a.txt")), Judge(JudgementKind.Merge, N, A)]);
        var story = Story("docs/a.txt", "Ann Archer");

        Assert.Same(story, set.Apply(story));
    }

    [Fact]
    public void AreDistinct_DistinctAndSplitPairs_HoldForWhatIsMergedIntoThem_RevokedOnesDoNot()
    {
        var distinct = Judge(JudgementKind.Distinct, A, B);
        var set = new IdentityJudgementSet([distinct, Judge(JudgementKind.Merge, C, B), Judge(JudgementKind.Split, A, N, "doc_x")]);

        Assert.True(set.AreDistinct(B.Id, A.Id));
        Assert.True(set.AreDistinct(C.Id, A.Id));
        Assert.Same(distinct, set.DistinctBy(A.Id, C.Id));
        Assert.True(set.AreDistinct(N.Id, A.Id));
        Assert.False(set.AreDistinct(C.Id, B.Id));
        Assert.False(set.AreDistinct(A.Id, A.Id));
        Assert.False(new IdentityJudgementSet([distinct with { RevokedAt = TestData.Epoch }]).AreDistinct(A.Id, B.Id));
    }

    [Fact]
    public void KeepApart_RevokedMergeOrSplit_KeepsItsPairApartUntilJoinedAgain_AreDistinctDoesNot()
    {
        var merge = Judge(JudgementKind.Merge, A, B) with { RevokedAt = TestData.Epoch };
        var split = Judge(JudgementKind.Split, C, N, "doc_x") with { RevokedAt = TestData.Epoch };
        var revoked = new IdentityJudgementSet([merge, split]);
        var mergedAgain = new IdentityJudgementSet([merge, Judge(JudgementKind.Merge, A, B)]);

        Assert.True(revoked.KeepApart(A.Id, B.Id));
        Assert.True(revoked.KeepApart(N.Id, C.Id));
        Assert.False(revoked.AreDistinct(A.Id, B.Id));
        Assert.False(revoked.KeepApart(A.Id, C.Id));
        Assert.False(mergedAgain.KeepApart(A.Id, B.Id));
        Assert.True(new IdentityJudgementSet([Judge(JudgementKind.Distinct, A, C)]).KeepApart(C.Id, A.Id));
    }

    [Fact]
    public void Create_SameJudgementAtTheSameTime_SameIdOtherwiseAnother()
    {
        var one = IdentityJudgement.Create(JudgementKind.Merge, A, B, [], "analyst", TestData.Epoch, "why");
        var same = IdentityJudgement.Create(JudgementKind.Merge, A, B, [], "analyst", TestData.Epoch, "another reason");
        var later = IdentityJudgement.Create(JudgementKind.Merge, A, B, [], "analyst", TestData.Epoch.AddSeconds(1), "why");

        Assert.Equal(one.Id, same.Id);
        Assert.NotEqual(one.Id, later.Id);
        Assert.True(StableId.IsJudgementId(one.Id));
    }
}
