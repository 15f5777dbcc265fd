using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>Builds the store the way hosts do (AddNeo4jGraphStore from configuration), on the fake or a live server.</summary>
internal sealed class Neo4jTestStore : IDisposable
{
    private readonly ServiceProvider _provider;

    private Neo4jTestStore(ServiceProvider provider)
    {
        _provider = provider;
        Store = provider.GetRequiredService<Neo4jGraphStore>();
    }

    public Neo4jGraphStore Store { get; }

    public IGraphStore Port => _provider.GetRequiredService<IGraphStore>();

    /// <summary>The store's Query API client, for live tests that send Cypher of their own (EXPLAIN, checks).</summary>
    public QueryApiClient Client => _provider.GetRequiredService<QueryApiClient>();

    /// <summary>A store on <paramref name="fake"/>, with short timeouts and back-off so fault tests stay quick.</summary>
    public static Neo4jTestStore OnFake(
        FakeQueryApi fake, string? password = null, int maxRetryAttempts = 3, TimeSpan? requestTimeout = null, TimeProvider? time = null, TimeSpan? transactionTimeout = null) =>
        Create(new Dictionary<string, string?>
        {
            ["Storage:Neo4j:Url"] = "http://neo4j.test:7474",
            ["Storage:Neo4j:User"] = fake.User,
            ["Storage:Neo4j:Password"] = password ?? fake.Password,
            ["Storage:Neo4j:Database"] = fake.Database,
            ["Storage:Neo4j:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(5)).ToString("c", CultureInfo.InvariantCulture),
            ["Storage:Neo4j:TransactionTimeout"] = (transactionTimeout ?? TimeSpan.FromMinutes(2)).ToString("c", CultureInfo.InvariantCulture),
            ["Storage:Neo4j:MaxRetryAttempts"] = maxRetryAttempts.ToString(CultureInfo.InvariantCulture),
            ["Storage:Neo4j:RetryBaseDelay"] = "00:00:00.001",
            ["Storage:Neo4j:RetryMaxDelay"] = "00:00:00.010",
        }, fake, time);

    /// <summary>A store on a real server (live suite), or on the real network stack for an address.</summary>
    public static Neo4jTestStore OnServer(string url, string user, string password, int maxRetryAttempts = 4, TimeProvider? time = null, TimeSpan? transactionTimeout = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Neo4j:Url"] = url,
            ["Storage:Neo4j:User"] = user,
            ["Storage:Neo4j:Password"] = password,
            ["Storage:Neo4j:MaxRetryAttempts"] = maxRetryAttempts.ToString(CultureInfo.InvariantCulture),
            ["Storage:Neo4j:RetryBaseDelay"] = "00:00:00.010",
        };
        if (transactionTimeout is { } limit)
        {
            settings["Storage:Neo4j:TransactionTimeout"] = limit.ToString("c", CultureInfo.InvariantCulture);
        }

        return Create(settings, null, time);
    }

    public void Dispose() => _provider.Dispose();

    private static Neo4jTestStore Create(Dictionary<string, string?> settings, FakeQueryApi? fake, TimeProvider? time)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddNeo4jGraphStore();
        if (fake is not null)
        {
            services.AddHttpClient(Neo4jServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => fake);
        }

        return new Neo4jTestStore(services.BuildServiceProvider());
    }
}
