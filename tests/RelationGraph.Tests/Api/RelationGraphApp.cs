using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Api;

/// <summary>One API host per test, on its own SQLite file in a temporary folder, seeded from the repository's seeds/ unless told otherwise.</summary>
internal sealed class RelationGraphApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new("app");

    public string DatabasePath => DatabasePathOverride ?? Path.Combine(_folder.Path, "graph.db");

    public string? DatabasePathOverride { get; init; }

    /// <summary>Folder ingested when the store is empty; empty string for none.</summary>
    public string SeedFolder { get; init; } = RepoPaths.Seeds;

    public string? ApiKey { get; init; }

    public long? MaxDocumentBytes { get; init; }

    /// <summary>Replaces services after the app's own registrations (a test extractor, say).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? TestServices { get; init; }

    /// <summary>Further configuration keys and values.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting("Ingestion:SeedFolder", SeedFolder);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        if (ApiKey is not null)
        {
            builder.UseSetting("Api:Key", ApiKey);
        }

        if (MaxDocumentBytes is { } max)
        {
            builder.UseSetting("Ingestion:MaxDocumentBytes", max.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } services)
        {
            Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}

internal static class RepoPaths
{
    public const string SeedFileName = "000_07e635b7f9f3603b.txt";

    /// <summary>The repository root: the first folder above the test assembly that holds RelationGraph.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string SeedFile => Path.Combine(Seeds, SeedFileName);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationGraph.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RelationGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
