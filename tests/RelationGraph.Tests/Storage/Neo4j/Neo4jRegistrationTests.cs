using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j;

namespace RelationGraph.Tests.Storage.Neo4j;

public sealed class Neo4jRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddNeo4jGraphStore();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddNeo4jGraphStore_Configured_ResolvesOneStoreForThePort()
    {
        using var provider = Build(new() { ["Storage:Neo4j:Url"] = "http://db.example:7474", ["Storage:Neo4j:Password"] = "pw" });

        var port = provider.GetRequiredService<IGraphStore>();

        var store = Assert.IsType<Neo4jGraphStore>(port);
        Assert.Same(store, provider.GetRequiredService<IGraphStore>());
        Assert.Equal(new Uri("http://db.example:7474/"), store.Url);
    }

    [Theory]
    [InlineData("Storage:Neo4j:Url", "not a url")]
    [InlineData("Storage:Neo4j:Database", "bad name!")]
    [InlineData("Storage:Neo4j:MaxRetryAttempts", "99")]
    public void AddNeo4jGraphStore_InvalidSetting_FailsValidationNamingIt(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IGraphStore>());

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }
}
