using Serilog;
using Serilog.Events;

namespace RelationGraph.Api.Hosting;

internal static class ServiceRegistration
{
    /// <summary>
    /// Serilog from the "Serilog" section, over defaults that hold when no appsettings.json is found (the content
    /// root is the working directory): Information, framework chatter at Warning, a console sink.
    /// </summary>
    public static LoggerConfiguration ConfigureFrom(this LoggerConfiguration logging, IConfiguration configuration, IServiceProvider services)
    {
        logging.MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration).ReadFrom.Services(services).Enrich.FromLogContext();
        if (!configuration.GetSection("Serilog:WriteTo").Exists())
        {
            logging.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return logging;
    }
}
