using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Hosting;

/// <summary>Registers the graph store a host is configured for; the API and the CLI both call it.</summary>
public static class GraphStoreRegistration
{
    /// <summary>Configuration key that names the store.</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>
    /// The <see cref="IGraphStore"/> named by <c>Storage:Provider</c>: <c>Sqlite</c> (the default, also when unset) or
    /// <c>Neo4j</c>, case-insensitively.
    /// </summary>
    /// <exception cref="ConfigurationException">Any other provider.</exception>
    public static IServiceCollection AddGraphStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddSqliteGraphStore();
        }

        if (provider.Equals("Neo4j", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddNeo4jGraphStore();
        }

        throw new ConfigurationException($"{ProviderKey} is '{provider}'; use Sqlite or Neo4j.");
    }
}
