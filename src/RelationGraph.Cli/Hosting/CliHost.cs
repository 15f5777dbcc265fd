using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelationGraph.Core.Ingestion;
using RelationGraph.Hosting;
using Serilog;
using Serilog.Events;

namespace RelationGraph.Cli.Hosting;

/// <summary>The Generic Host behind every command: configuration, Serilog to stderr, the store, the pipeline.</summary>
internal static class CliHost
{
    /// <summary>
    /// Configuration: appsettings.json next to the executable, then in the working directory, then
    /// environment variables (<c>Storage__Sqlite__Path</c>), then the command line's shortcuts
    /// (<c>--db</c> is <c>Storage:Sqlite:Path</c>).
    /// </summary>
    public static IHost Build(string? databasePath, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Environment.CurrentDirectory });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        var shortcuts = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        if (databasePath is not null)
        {
            shortcuts["Storage:Sqlite:Path"] = databasePath;
        }

        builder.Configuration.AddInMemoryCollection(shortcuts);

        var configuration = builder.Configuration;
        builder.Services.AddSerilog(logging =>
        {
            logging.MinimumLevel.Warning().ReadFrom.Configuration(configuration).Enrich.FromLogContext();
            if (!configuration.GetSection("Serilog:WriteTo").Exists())
            {
                // stdout carries data (JSON, paths); logs go to stderr
                logging.WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGraphStore(configuration);
        builder.Services.AddIngestion();
        builder.Services.AddExtractor();
        return builder.Build();
    }
}
