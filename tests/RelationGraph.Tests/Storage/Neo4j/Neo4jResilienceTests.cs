using System.Net;
using System.Net.Sockets;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j;

namespace RelationGraph.Tests.Storage.Neo4j;

public sealed class Neo4jResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool IsCounts(FakeRequest r) => r.StatementName == "counts";

    [Theory]
    [InlineData("Neo.TransientError.Transaction.DeadlockDetected")]
    [InlineData("Neo.TransientError.General.DatabaseUnavailable")]
    [InlineData("Neo.ClientError.Cluster.NotALeader")]
    public async Task CountAsync_RetryableErrorTwiceThenSuccess_Retries(string code)
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 3);
        // 202 on purpose: errors are read from the body whatever the status code
        fake.Inject(new FakeFault.Error(code, "try again", HttpStatusCode.Accepted), IsCounts, times: 2);

        var counts = await store.Port.CountAsync(Ct);

        Assert.Equal(new GraphCounts(0, 0, 0, 0, 0), counts);
        Assert.Equal(3, fake.Requests.Count(IsCounts));
    }

    [Theory]
    [InlineData("Neo.TransientError.Transaction.Terminated")]
    [InlineData("Neo.TransientError.Transaction.LockClientStopped")]
    [InlineData("Neo.ClientError.Statement.SyntaxError")]
    public async Task CountAsync_NonRetryableError_FailsOnFirstAttemptWithItsCode(string code)
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 3);
        fake.Inject(new FakeFault.Error(code, "stopped"), IsCounts);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.CountAsync(Ct));

        Assert.Equal(code, error.Code);
        Assert.Equal(Neo4jFailure.Query, error.Failure);
        Assert.Single(fake.Requests, IsCounts);
    }

    [Fact]
    public async Task CountAsync_ServerErrorEveryTime_RetriesWithinBudgetThenFailsClearly()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 3);
        fake.Inject(new FakeFault.Bare(HttpStatusCode.ServiceUnavailable), IsCounts, times: 100);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.CountAsync(Ct));

        Assert.Equal(Neo4jFailure.Unavailable, error.Failure);
        Assert.Contains("still failing after 4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, fake.Requests.Count(IsCounts));
    }

    [Fact]
    public async Task CountAsync_ServerNeverAnswers_EachAttemptTimesOutThenFailsClearly()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 2, requestTimeout: TimeSpan.FromMilliseconds(100));
        fake.Inject(new FakeFault.Hang(), IsCounts, times: 100);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.CountAsync(Ct));

        Assert.Equal(Neo4jFailure.Unavailable, error.Failure);
        Assert.Contains("did not answer within", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, fake.Requests.Count(IsCounts));
    }

    [Fact]
    public async Task CountAsync_TimeoutThenDroppedConnectionThenAnswer_Succeeds()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 3, requestTimeout: TimeSpan.FromMilliseconds(100));
        fake.Inject(new FakeFault.Hang(), IsCounts);
        fake.Inject(new FakeFault.Drop(), IsCounts);

        var counts = await store.Port.CountAsync(Ct);

        Assert.Equal(0, counts.Documents);
        Assert.Equal(3, fake.Requests.Count(IsCounts));
    }

    [Fact]
    public async Task InitializeAsync_WrongPassword_FailsAtOnceWithCredentialError()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, password: "wrong", maxRetryAttempts: 3);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.InitializeAsync(Ct));

        Assert.Equal(Neo4jFailure.Authentication, error.Failure);
        Assert.Contains("rejected the credentials of user 'neo4j'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fake.AuthFailures);
    }

    [Fact]
    public async Task InitializeAsync_NoQueryApiAtThatPath_FailsAtOnceWithAHint()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 3);
        fake.Inject(new FakeFault.Bare(HttpStatusCode.NotFound), times: 10);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.InitializeAsync(Ct));

        Assert.Equal(Neo4jFailure.Unavailable, error.Failure);
        Assert.Contains("Storage:Neo4j:Url", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task ApplyAsync_ServerWithoutQueryApiTransactions_FailsAtOnceNamingTheVersionNeeded()
    {
        var fake = new FakeQueryApi(transactions: false);
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 3);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.ApplyAsync([TestData.AcmeDocument()], Ct));

        Assert.Equal(Neo4jFailure.Unavailable, error.Failure);
        Assert.Contains("5.26", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests, r => r.Kind == FakeRequestKind.Begin);
    }

    [Fact]
    public async Task InitializeAsync_NothingListening_FailsWithUnreachableAndNoRetries()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        using var store = Neo4jTestStore.OnServer(url, "neo4j", "secret", maxRetryAttempts: 3);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.InitializeAsync(Ct));

        Assert.Equal(Neo4jFailure.Unavailable, error.Failure);
        Assert.StartsWith($"Neo4j unreachable at {url}/", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_ServerErrorMidDocument_RollsBackWithDeleteAndLeavesNothing()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 0);
        fake.Inject(new FakeFault.Bare(HttpStatusCode.BadGateway), r => r.StatementName == "evidence-create");

        await Assert.ThrowsAsync<Neo4jException>(() => store.Port.ApplyAsync([TestData.AcmeDocument()], Ct));

        var rollback = Assert.Single(fake.Requests, r => r.Kind == FakeRequestKind.Rollback);
        Assert.NotNull(rollback.Affinity);
        Assert.DoesNotContain(fake.Requests, r => r.Kind == FakeRequestKind.Commit);
        Assert.Equal(0, fake.OpenTransactions);
        Assert.Equal(new GraphCounts(0, 0, 0, 0, 0), await store.Port.CountAsync(Ct));
    }

    [Fact]
    public async Task ApplyAsync_ConstraintErrorMidDocument_FailsTheDocumentAndStoresNothingOfIt()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([TestData.BobDocument()], Ct);
        var before = await store.Port.CountAsync(Ct);
        fake.Inject(new FakeFault.Error("Neo.ClientError.Schema.ConstraintValidationFailed", "already exists"), r => r.StatementName == "facts-merge");

        var failed = Assert.Single(await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct));

        Assert.Equal(ApplyOutcome.Failed, failed.Outcome);
        Assert.Contains("already exists", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, fake.OpenTransactions);
        Assert.Equal(before, await store.Port.CountAsync(Ct));
        Assert.Null(await store.Port.GetDocumentStateAsync(TestData.AcmeDocument().Document.Id, Ct));
    }

    [Fact]
    public async Task ApplyAsync_TransientErrorMidDocument_RetriesTheWholeDocumentOnce()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 2);
        fake.Inject(new FakeFault.Error("Neo.TransientError.Transaction.DeadlockDetected", "deadlock"), r => r.StatementName == "evidence-create");

        var result = Assert.Single(await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct));

        Assert.Equal(ApplyOutcome.Added, result.Outcome);
        Assert.Equal(2, fake.Requests.Count(r => r.Kind == FakeRequestKind.Begin));
        Assert.Equal(new GraphCounts(1, 4, 3, 3, 3), await store.Port.CountAsync(Ct));
    }

    [Fact]
    public async Task ApplyAsync_CommitAnswerLost_RetryConvergesOnTheSameGraph()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 2);
        fake.Inject(new FakeFault.LoseAnswer(), r => r.Kind == FakeRequestKind.Commit);

        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);

        Assert.Equal(2, fake.Requests.Count(r => r.Kind == FakeRequestKind.Commit));
        Assert.Equal(new GraphCounts(1, 4, 3, 3, 3), await store.Port.CountAsync(Ct));
        var page = await store.Port.GetEvidenceAsync(StableId.Fact(RelationType.EmployedBy, TestData.Id(EntityKind.Person, "Alice Able"), TestData.Id(EntityKind.Organisation, "Acme Corp")), 0, 10, Ct);
        Assert.Equal(1, page!.Total);
    }

    [Fact]
    public async Task RemoveDocumentAsync_ServerErrorMidRemoval_RollsBackAndChangesNothing()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 0);
        var acme = TestData.AcmeDocument();
        await store.Port.ApplyAsync([acme, TestData.BobDocument()], Ct);
        var before = fake.Graph.Clone();
        fake.Inject(new FakeFault.Bare(HttpStatusCode.BadGateway), r => r.StatementName == "entities-recount");

        await Assert.ThrowsAsync<Neo4jException>(() => store.Port.RemoveDocumentAsync(acme.Document.Id, Ct));

        Assert.Single(fake.Requests, r => r.Kind == FakeRequestKind.Rollback);
        Assert.Equal(0, fake.OpenTransactions);
        Assert.Equal(new GraphCounts(2, 5, 4, 6, 5), await store.Port.CountAsync(Ct));
        Assert.Equal(before.Nodes.Count, fake.Graph.Nodes.Count);
        Assert.Equal(before.Relationships.Count, fake.Graph.Relationships.Count);
        Assert.NotNull(await store.Port.GetDocumentStateAsync(acme.Document.Id, Ct));
    }

    [Fact]
    public async Task RemoveDocumentAsync_TransientErrorMidRemoval_RetriesTheWholeRemoval()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 2);
        var acme = TestData.AcmeDocument();
        await store.Port.ApplyAsync([acme], Ct);
        fake.Inject(new FakeFault.Error("Neo.TransientError.Transaction.DeadlockDetected", "deadlock"), r => r.StatementName == "facts-prune");

        var result = await store.Port.RemoveDocumentAsync(acme.Document.Id, Ct);

        Assert.Equal(new ApplyResult(acme.Document.Id, ApplyOutcome.Removed, new(0, 0, 4), new(0, 0, 3), new(0, 0, 3)), result);
        Assert.Equal(3, fake.Requests.Count(r => r.Kind == FakeRequestKind.Begin));
        Assert.Equal(new GraphCounts(0, 0, 0, 0, 0), await store.Port.CountAsync(Ct));
    }

    [Fact]
    public async Task RemoveDocumentAsync_CommitAnswerLost_ReportsTheRemovalThatCommitted()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 2);
        var acme = TestData.AcmeDocument();
        await store.Port.ApplyAsync([acme, TestData.BobDocument()], Ct);
        fake.Inject(new FakeFault.LoseAnswer(), r => r.Kind == FakeRequestKind.Commit);
        var sentBefore = fake.Requests.Count;

        var result = await store.Port.RemoveDocumentAsync(acme.Document.Id, Ct);

        // the retry finds the document gone because the first commit went through: that is still this call's removal
        Assert.Equal(new ApplyResult(acme.Document.Id, ApplyOutcome.Removed, new(0, 2, 2), new(0, 1, 2), new(0, 0, 3)), result);
        var sent = fake.Requests.Skip(sentBefore).ToList();
        Assert.Single(sent, r => r.Kind == FakeRequestKind.Commit);
        Assert.Equal(2, sent.Count(r => r.Kind == FakeRequestKind.Begin));
        Assert.Equal(2, sent.Count(r => r.StatementName == "document-state"));
        Assert.Equal(new GraphCounts(1, 3, 2, 3, 2), await store.Port.CountAsync(Ct));
        Assert.Null(await store.Port.RemoveDocumentAsync(acme.Document.Id, Ct));
    }

    [Fact]
    public async Task CountAsync_AfterAWrite_SendsTheBookmarkNeo4jReturned()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);

        await store.Port.CountAsync(Ct);

        Assert.Empty(fake.Requests[0].Bookmarks);
        Assert.Equal(["FB:fake"], fake.Requests.Last(IsCounts).Bookmarks);
    }

    [Fact]
    public async Task ApplyAsync_EvidenceForUnknownFact_FailsBeforeWritingAnything()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        var batch = TestData.AcmeDocument();
        var broken = batch with { Facts = batch.Facts.Skip(1).ToList() };

        var failed = Assert.Single(await store.Port.ApplyAsync([broken], Ct));

        Assert.Equal(ApplyOutcome.Failed, failed.Outcome);
        Assert.Contains("which the batch does not define", failed.Error, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task FindPathsAsync_SlowerThanItsTimeLimit_ReportsTimedOut()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);
        fake.Inject(new FakeFault.Hang(), r => r.StatementName?.StartsWith("paths-shortest", StringComparison.Ordinal) == true);
        var request = new PathRequest
        {
            FromId = TestData.Id(EntityKind.Person, "Alice Able"),
            ToId = TestData.Id(EntityKind.Organisation, "Acme Corp"),
            Timeout = TimeSpan.FromMilliseconds(50),
        };

        var result = await store.Port.FindPathsAsync(request, Ct);

        Assert.True(result.TimedOut);
        Assert.Empty(result.Paths);
    }

    [Fact]
    public async Task ApplyAsync_StatementTimesOutInsideTransaction_FailsWithoutRetryingTheDocument()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 3, requestTimeout: TimeSpan.FromMilliseconds(100));
        fake.Inject(new FakeFault.Hang(), r => r is { Kind: FakeRequestKind.Run, StatementName: "facts-merge" });

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.ApplyAsync([TestData.AcmeDocument()], Ct));

        Assert.Equal(Neo4jFailure.TimedOut, error.Failure);
        Assert.Contains("facts-merge", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fake.Requests.Count(r => r.Kind == FakeRequestKind.Begin));
        Assert.Equal(0, (await store.Port.CountAsync(Ct)).Documents);
    }

    [Fact]
    public async Task CountAsync_AnswerBodyCutOff_RetriesAndSucceeds()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, maxRetryAttempts: 2);
        fake.Inject(new FakeFault.Truncate(), IsCounts);

        var counts = await store.Port.CountAsync(Ct);

        Assert.Equal(0, counts.Documents);
        Assert.Equal(2, fake.Requests.Count(IsCounts));
    }

    [Fact]
    public async Task GetEntitySummaryAsync_KnownEntity_ReadsTheEntityOnly()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);

        var summary = await store.Port.GetEntitySummaryAsync(TestData.AliceId, Ct);

        Assert.Equal("Alice Able", summary?.Name);
        Assert.Equal("entity-get", fake.Requests[^1].StatementName);
        Assert.DoesNotContain(fake.Requests, r => r.StatementName == "entity-facts");
    }
}
