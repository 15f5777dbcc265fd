using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Health;

/// <summary>Ready when the store answers (<see cref="GraphStoreProbe"/>).</summary>
internal sealed class GraphStoreHealthCheck(IGraphStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The graph store answers.")
            : HealthCheckResult.Unhealthy("The graph store is unreachable.");
}

internal static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddGraphHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<GraphStoreHealthCheck>("store", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .WithTags("Health").WithSummary("The process is up.");
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .WithTags("Health").WithSummary("The graph store answers (503 when it does not).");
        return routes;
    }
}
