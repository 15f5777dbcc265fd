using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Storage.Neo4j;
using RelationGraph.Storage.Neo4j.QueryApi;
using RelationGraph.Tests.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// What only a real server can confirm about running totals and server-side time limits: that the Cypher of
/// facts-add/-subtract/-prune and entities-add/-subtract computes what the fake's models compute (the same totals as the
/// embedded store, and as a recount from history on the server), that its look-ups are served by the composite indexes
/// (database hits do not grow with a pair's history), that concurrent writers that also change and remove documents
/// lose nothing, and that the server stops a transaction at the maxExecutionTime the store sends.
/// Runs when NEO4J_URL is set (a throwaway server: it empties the database), reports itself skipped otherwise.
/// </summary>
public sealed class Neo4jLiveRunningTotalsTests : IDisposable
{
    private const string FactTypes = "EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH";

    private readonly List<Neo4jTestStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Url => Environment.GetEnvironmentVariable("NEO4J_URL") ?? "";

    private static string User => Environment.GetEnvironmentVariable("NEO4J_USER") ?? "neo4j";

    private static string Password => Environment.GetEnvironmentVariable("NEO4J_PASSWORD") ?? "";

    private async Task<Neo4jTestStore> LiveStoreAsync(bool empty = true, TimeProvider? time = null, TimeSpan? transactionTimeout = null)
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Url),
            "NEO4J_URL is not set: run `docker compose up neo4j` and set NEO4J_URL=http://localhost:7474 and NEO4J_PASSWORD to run the live Neo4j running-total checks.");
        var store = Neo4jTestStore.OnServer(Url, User, Password, time: time, transactionTimeout: transactionTimeout);
        _stores.Add(store);
        if (empty)
        {
            await store.Store.DeleteAllAsync(Ct);
        }

        await store.Store.InitializeAsync(Ct);
        return store;
    }

    [Fact]
    public async Task AddChangeRemoveSequence_TotalsEqualTheEmbeddedStoreAndARecountOnTheServerAfterEveryStep()
    {
        var neo4jTime = new FakeTimeProvider(TestData.Epoch);
        var store = await LiveStoreAsync(time: neo4jTime);
        await using var files = new SqliteTestFiles();
        var sqliteTime = new FakeTimeProvider(TestData.Epoch);
        var sqlite = await files.OpenInitializedAsync(sqliteTime);

        await RunningTotalsScenario.RunAsync(sqlite, sqliteTime, store.Port, neo4jTime, async step =>
        {
            var embedded = await RunningTotalsScenario.TotalsAsync(sqlite, Ct);
            var neo4j = await RunningTotalsScenario.TotalsAsync(store.Port, Ct);
            Assert.True(embedded.SequenceEqual(neo4j), $"after {step} Neo4j differs from the embedded store: {neo4j.Except(embedded).FirstOrDefault()} (embedded: {embedded.Except(neo4j).FirstOrDefault()})");
            await AgreesWithRecountOnTheServerAsync(store, step);
        }, Ct);
    }

    [Fact]
    public async Task ConcurrentWriters_AddingChangingAndRemovingAPopularPairsDocuments_LoseNoTotals()
    {
        var first = await LiveStoreAsync();
        var second = await LiveStoreAsync(empty: false);
        var documents = Enumerable.Range(0, 24).Select(i => RunningTotalsScenario.Document(i)).ToList();

        // two stores are two writers (as the API and a watch worker are): neither's write lock covers the other
        async Task WriteAsync(Neo4jTestStore store, int parity)
        {
            foreach (var i in Enumerable.Range(0, documents.Count).Where(i => i % 2 == parity))
            {
                await store.Port.ApplyAsync([documents[i]], Ct);
            }

            foreach (var i in Enumerable.Range(0, documents.Count).Where(i => i % 2 == parity))
            {
                if (i % 3 == 0)
                {
                    await store.Port.RemoveDocumentAsync(documents[i].Document.Id, Ct);
                }
                else if (i % 3 == 1)
                {
                    await store.Port.ApplyAsync([RunningTotalsScenario.Document(i, version: 1)], Ct);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(first, 0), Ct), Task.Run(() => WriteAsync(second, 1), Ct));

        await AgreesWithRecountOnTheServerAsync(first, "two concurrent writers");
    }

    [Fact]
    public async Task WriteStatements_OnAPopularPair_DatabaseHitsDoNotGrowWithItsHistory()
    {
        var store = await LiveStoreAsync();
        var reports = Enumerable.Range(0, 80).Select(i => TestData.Batch($"docs/report-{i:D3}.txt", $"Report {i}: Alice Able works for Acme Corp.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"))).ToList();
        // the first document holds first seen (it is ingested first) and, being first in id order, the first doc id
        var first = reports.OrderBy(r => r.Document.Id, StringComparer.Ordinal).First();
        reports.Remove(first);
        reports.Insert(0, first);
        var byDoc = new Dictionary<string, object?> { ["docId"] = first.Document.Id };

        async Task<Dictionary<string, long>> HitsAsync() => new()
        {
            ["facts-subtract"] = await ProfileAndRollBackAsync(CypherStatements.FactsSubtract.Text, byDoc),
            ["entities-subtract"] = await ProfileAndRollBackAsync(CypherStatements.EntitiesSubtract.Text, byDoc),
            ["facts-add"] = await ProfileAndRollBackAsync(CypherStatements.FactsAdd.Text, byDoc),
            ["entities-add"] = await ProfileAndRollBackAsync(CypherStatements.EntitiesAdd.Text, byDoc),
        };

        foreach (var r in reports.Take(10))
        {
            await store.Port.ApplyAsync([r], Ct);
        }

        var shortHistory = await HitsAsync();
        foreach (var r in reports.Skip(10))
        {
            await store.Port.ApplyAsync([r], Ct);
        }

        var longHistory = await HitsAsync();

        // a recount would read eight times as much after 80 documents as after 10; an index look-up the same
        foreach (var (statement, hits) in longHistory)
        {
            Assert.True(hits <= (shortHistory[statement] * 2) + 20,
                $"{statement}: {shortHistory[statement]} database hits after 10 documents, {hits} after 80");
        }
    }

    [Fact]
    public async Task ServerTimeLimit_ImplicitQueryRunningPastIt_IsStoppedByTheServer()
    {
        var store = await LiveStoreAsync();
        var runaway = new CypherStatement("live-check", "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Client.RunAsync(runaway, null, readOnly: true, TimeSpan.FromSeconds(1), Ct));

        Assert.SkipWhen(!error.IsServerTimeout,
            $"This server ignores maxExecutionTime on implicit transactions (the Query API manual documents it from 2026.04): {error.Message}. Only db.transaction.timeout bounds them.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stopped after {clock.Elapsed}");
    }

    [Fact]
    public async Task ServerTimeLimit_WriteTransactionRunningPastIt_IsStoppedAndRolledBackByTheServer()
    {
        var store = await LiveStoreAsync(transactionTimeout: TimeSpan.FromSeconds(1));
        var runaway = new CypherStatement("live-check", "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 CREATE (:Never) RETURN count(x) AS n");
        var clock = Stopwatch.StartNew();

        await using var tx = await store.Client.BeginAsync(Ct);
        var error = await Assert.ThrowsAsync<Neo4jException>(() => tx.RunAsync(runaway, null, Ct));

        Assert.SkipWhen(!error.IsServerTimeout,
            $"This server ignores maxExecutionTime when a transaction begins: {error.Message}. Only db.transaction.timeout bounds it.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stopped after {clock.Elapsed}");
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    // Inside a transaction that is rolled back: the running state of every fact is dropped and recomputed from history
    // by facts-backfill, every entity recounted by entities-recount; both must leave the stored values as they were.
    private static async Task AgreesWithRecountOnTheServerAsync(Neo4jTestStore store, string step)
    {
        var facts = new CypherStatement("live-check", $"MATCH (:Entity)-[r:{FactTypes}]->(:Entity) RETURN r.factKey AS key, properties(r) AS props ORDER BY key");
        var entities = new CypherStatement("live-check",
            "MATCH (e:Entity) RETURN e.id AS key, e { .mentionCount, .docCount, .degree, .firstSeen, .lastSeen } AS props ORDER BY key");
        await using var tx = await store.Client.BeginAsync(Ct);
        var factsBefore = await tx.RunAsync(facts, null, Ct);
        var entitiesBefore = await tx.RunAsync(entities, null, Ct);

        await tx.RunAsync(new CypherStatement("live-check", $"MATCH (:Entity)-[r:{FactTypes}]->(:Entity) REMOVE r.extractorCounts"), null, Ct);
        await tx.RunAsync(CypherStatements.FactsBackfill, new Dictionary<string, object?> { ["limit"] = 1_000_000 }, Ct);
        await tx.RunAsync(CypherStatements.EntitiesRecount, new Dictionary<string, object?> { ["ids"] = entitiesBefore.Records.Select(r => r.String("key")).ToArray() }, Ct);

        Same(step, "fact", factsBefore, await tx.RunAsync(facts, null, Ct));
        Same(step, "entity", entitiesBefore, await tx.RunAsync(entities, null, Ct));
    }

    private static void Same(string step, string what, QueryResult stored, QueryResult recounted)
    {
        Assert.Equal(stored.Records.Count, recounted.Records.Count);
        foreach (var (s, r) in stored.Records.Zip(recounted.Records))
        {
            var key = s.String("key");
            var a = s["props"].EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
            var b = r["props"].EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
            foreach (var name in a.Keys.Union(b.Keys))
            {
                var x = a.GetValueOrDefault(name);
                var y = b.GetValueOrDefault(name);
                var same = x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number
                    ? Math.Abs(x.GetDouble() - y.GetDouble()) <= 1e-12
                    : x.ValueKind == y.ValueKind && (x.ValueKind == JsonValueKind.Undefined || x.GetRawText() == y.GetRawText());
                Assert.True(same, $"after {step}: {what} {key} {name} is {Raw(x)}, a recount on the server gives {Raw(y)}");
            }
        }
    }

    private static string Raw(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? "absent" : value.GetRawText();

    // PROFILE runs the statement: it goes in a transaction of its own that is rolled back, and its plan's database
    // hits (every operator's, summed) come back.
    private static async Task<long> ProfileAndRollBackAsync(string statement, Dictionary<string, object?> parameters)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var body = JsonSerializer.Serialize(new { statement = "PROFILE " + statement, parameters, maxExecutionTime = 60 });
        using var begun = await http.PostAsync("db/neo4j/query/v2/tx", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        using var answer = JsonDocument.Parse(await begun.Content.ReadAsStringAsync(Ct));
        Assert.True(answer.RootElement.TryGetProperty("profiledQueryPlan", out var plan), answer.RootElement.GetRawText());
        var id = answer.RootElement.GetProperty("transaction").GetProperty("id").GetString();
        using var rollback = new HttpRequestMessage(HttpMethod.Delete, $"db/neo4j/query/v2/tx/{id}");
        if (begun.Headers.TryGetValues(QueryApiClient.AffinityHeader, out var affinity))
        {
            rollback.Headers.TryAddWithoutValidation(QueryApiClient.AffinityHeader, affinity);
        }

        (await http.SendAsync(rollback, Ct)).Dispose();
        return DbHits(plan);
    }

    private static long DbHits(JsonElement plan) =>
        (plan.TryGetProperty("dbHits", out var hits) ? hits.GetInt64() : 0)
        + (plan.TryGetProperty("children", out var children) ? children.EnumerateArray().Sum(DbHits) : 0);
}
