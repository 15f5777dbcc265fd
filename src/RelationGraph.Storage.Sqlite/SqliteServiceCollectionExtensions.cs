using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Sqlite;

/// <summary>Registers the embedded SQLite store.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SqliteGraphStore"/> as the <see cref="IGraphStore"/> singleton, with
    /// <see cref="SqliteStoreOptions"/> bound from <c>Storage:Sqlite</c> and validated at start.
    /// Hosts still call <see cref="IGraphStore.InitializeAsync"/> once before serving.
    /// </summary>
    public static IServiceCollection AddSqliteGraphStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SqliteStoreOptions>()
            .BindConfiguration(SqliteStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteGraphStore>();
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
        return services;
    }
}
