using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;
using RelationGraph.Hosting;
using RelationGraph.Tests.Core.Extraction;

namespace RelationGraph.Tests.Hosting;

public sealed class ExtractorRegistrationTests
{
    [Fact]
    public async Task AddExtractor_Llm_TalksThroughTheNamedHttpClientOfTheHostsFactory()
    {
        var handler = new ExtractorSelectionTests.RecordingHandler("""{"entities":[],"relations":[]}""");
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Extraction:Extractor"] = "llm",
            ["Extraction:Llm:Provider"] = "ollama",
            ["Extraction:Llm:Model"] = "llama3.1",
        }).Build());
        services.AddExtractor();
        services.AddHttpClient(ExtractorRegistration.LlmHttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        var extractor = provider.GetRequiredService<IDocumentExtractor>();
        await extractor.ExtractAsync(SourceDocument.Create("docs/a.txt", "Nobody is named here."), TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("http://localhost:11434/v1/chat/completions"), handler.Request!.RequestUri);
    }

    [Fact]
    public void AddExtractor_NothingConfigured_IsTheRuleExtractor()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddExtractor();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<RuleBasedExtractor>(provider.GetRequiredService<IDocumentExtractor>());
    }
}
