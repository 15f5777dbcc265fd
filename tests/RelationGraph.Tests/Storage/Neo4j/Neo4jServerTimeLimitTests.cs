using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Neo4j;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// Closing an HTTP request does not stop its query on the server, and Neo4j's default db.transaction.timeout is
/// unlimited: every transaction the store starts carries the Query API's maxExecutionTime, so the server ends work the
/// client gave up on. The fake runs a <see cref="FakeFault.Hang"/> on after the client leaves, until that limit.
/// </summary>
public sealed class Neo4jServerTimeLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PathRequest AliceToAcme = new() { FromId = TestData.AliceId, ToId = TestData.AcmeId };

    [Fact]
    public async Task EveryTransactionTheStoreStarts_CarriesATimeLimitForTheServer()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        var port = store.Port;

        await port.InitializeAsync(Ct);
        await port.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        foreach (var mode in Enum.GetValues<PathMode>())
        {
            await port.FindPathsAsync(AliceToAcme with { Mode = mode }, Ct);
        }

        await port.SearchEntitiesAsync(new("acme"), Ct);
        await port.GetEntityAsync(TestData.AliceId, Ct);
        await port.GetEvidenceAsync(StableId.Fact(RelationType.EmployedBy, TestData.AliceId, TestData.AcmeId), 0, 5, Ct);
        await port.CountAsync(Ct);
        await foreach (var _ in port.ExportAsync(Ct))
        {
        }

        await port.RemoveDocumentAsync(TestData.BobDocument().Document.Id, Ct);

        var starts = fake.Requests.Where(r => r.Kind is FakeRequestKind.Query or FakeRequestKind.Begin).ToList();
        Assert.Contains(starts, r => r.Kind == FakeRequestKind.Begin);
        Assert.All(starts, r => Assert.True(r.MaxExecutionTime > 0, $"{r.Kind} {r.StatementName} started a transaction without maxExecutionTime"));
        // inside an open transaction the server keeps the limit it began with and ignores the field
        Assert.All(fake.Requests.Where(r => r.Kind is FakeRequestKind.Run or FakeRequestKind.Commit), r => Assert.Null(r.MaxExecutionTime));
    }

    [Theory]
    [InlineData(2500, 3)]
    [InlineData(50, 1)]
    [InlineData(3000, 3)]
    [InlineData(60_000, 5)] // capped by the request timeout (5 s in these tests)
    public async Task FindPathsAsync_TimeBudget_IsTheServersLimitInWholeSecondsRoundedUp(int budgetMs, int seconds)
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);

        await store.Port.FindPathsAsync(AliceToAcme with { Timeout = TimeSpan.FromMilliseconds(budgetMs) }, Ct);

        Assert.Equal(seconds, fake.Requests.Single(r => r.StatementName?.StartsWith("paths-", StringComparison.Ordinal) == true).MaxExecutionTime);
        Assert.Equal(5, fake.Requests.Single(r => r.StatementName == "evidence-for-facts").MaxExecutionTime);
    }

    [Fact]
    public async Task ApplyAsync_WriteTransaction_BeginsWithTheConfiguredTransactionTimeout()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, transactionTimeout: TimeSpan.FromSeconds(90.2));

        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);

        Assert.Equal(91, Assert.Single(fake.Requests, r => r.Kind == FakeRequestKind.Begin).MaxExecutionTime);
    }

    [Fact]
    public async Task FindPathsAsync_RunawayQuery_ServerStopsItOnceTheBudgetIsSpent()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);
        fake.Inject(new FakeFault.Hang(), r => r.StatementName?.StartsWith("paths-", StringComparison.Ordinal) == true);

        var result = await store.Port.FindPathsAsync(AliceToAcme with { Timeout = TimeSpan.FromMilliseconds(200) }, Ct);

        Assert.True(result.TimedOut);
        Assert.Equal(1, fake.RunningStatements); // the client gave up; the server has not
        await EventuallyAsync(() => fake.RunningStatements == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task FindPathsAsync_ServerWithoutTheFieldStopsTheQueryAtItsOwnTimeout_ReportsTimedOut()
    {
        // a server that ignores maxExecutionTime and has db.transaction.timeout set (docker-compose.yml sets 60 s)
        var fake = new FakeQueryApi(transactionTimeout: TimeSpan.FromMilliseconds(300), maxExecutionTime: false);
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);
        fake.Inject(new FakeFault.Hang(), r => r.StatementName?.StartsWith("paths-", StringComparison.Ordinal) == true);

        var result = await store.Port.FindPathsAsync(AliceToAcme with { Timeout = TimeSpan.FromSeconds(3) }, Ct);

        Assert.True(result.TimedOut);
        Assert.Empty(result.Paths);
    }

    [Fact]
    public async Task ApplyAsync_StatementRunsOnAfterTheClientGivesUp_ServerRollsTheTransactionBackAtItsLimit()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, requestTimeout: TimeSpan.FromMilliseconds(100), transactionTimeout: TimeSpan.FromSeconds(1));
        fake.Inject(new FakeFault.Hang(), r => r is { Kind: FakeRequestKind.Run, StatementName: "facts-merge" });

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Port.ApplyAsync([TestData.AcmeDocument()], Ct));

        Assert.Equal(Neo4jFailure.TimedOut, error.Failure);
        Assert.Equal(1, fake.OpenTransactions);
        await EventuallyAsync(() => fake.OpenTransactions == 0, TimeSpan.FromSeconds(5));
        Assert.Equal(0, (await store.Port.CountAsync(Ct)).Documents);
    }

    [Fact]
    public async Task ApplyAsync_CallerCancelsWhileAStatementRuns_RollbackIsAskedAndTheServerEndsTheTransactionAtItsLimit()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake, transactionTimeout: TimeSpan.FromSeconds(1));
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        fake.Inject(new FakeFault.Hang(), r => r is { Kind: FakeRequestKind.Run, StatementName: "facts-merge" });
        caller.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Port.ApplyAsync([TestData.AcmeDocument()], caller.Token));

        // the server refuses the rollback while the statement runs, then ends the transaction at its limit
        Assert.Single(fake.Requests, r => r.Kind == FakeRequestKind.Rollback);
        await EventuallyAsync(() => fake.OpenTransactions == 0, TimeSpan.FromSeconds(5));
        Assert.Equal(0, (await store.Port.CountAsync(Ct)).Documents);
    }

    [Fact]
    public async Task ApplyAsync_CallerCancelsBetweenStatements_TransactionIsRolledBackAtOnce()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // the caller gives up while mentions-create is on its way: the next statement is never sent
        fake.Inject(new FakeFault.Drop(), r =>
        {
            if (r is { Kind: FakeRequestKind.Run, StatementName: "mentions-create" })
            {
                caller.Cancel();
            }

            return false;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Port.ApplyAsync([TestData.AcmeDocument()], caller.Token));

        Assert.Equal(0, fake.OpenTransactions);
        Assert.Equal(FakeRequestKind.Rollback, fake.Requests[^1].Kind);
        Assert.Equal(0, (await store.Port.CountAsync(Ct)).Documents);
    }

    private static async Task EventuallyAsync(Func<bool> condition, TimeSpan within)
    {
        var until = DateTimeOffset.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < until, $"not so after {within}");
            await Task.Delay(50, Ct);
        }
    }
}
