using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

/// <summary>Registers the Neo4j store.</summary>
public static class Neo4jServiceCollectionExtensions
{
    /// <summary>Name of the typed HttpClient that talks to the Query API.</summary>
    public const string HttpClientName = "RelationGraph.Neo4j";

    /// <summary>
    /// Registers <see cref="Neo4jGraphStore"/> as the <see cref="IGraphStore"/>, configured from
    /// <c>Storage:Neo4j</c> (<see cref="Neo4jStoreOptions"/>), validated at start.
    /// </summary>
    public static IServiceCollection AddNeo4jGraphStore(this IServiceCollection services)
    {
        services.AddOptions<Neo4jStoreOptions>()
            .BindConfiguration(Neo4jStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // The store is a singleton holding its typed client, so the handler must not be recycled under it;
        // connections are refreshed by the pool lifetime instead (DNS changes, cluster moves). Cookies stay off:
        // one shared cookie jar would mix transactions; affinity travels in the neo4j-cluster-affinity header.
        services.AddHttpClient<QueryApiClient>(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                UseCookies = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new Neo4jGraphStore(
            sp.GetRequiredService<QueryApiClient>(),
            sp.GetRequiredService<IOptions<Neo4jStoreOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Neo4jGraphStore>>()));
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<Neo4jGraphStore>());
        return services;
    }
}
