using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace RelationGraph.Api.Hosting;

/// <summary>How much one client, and all writers together, may ask of the API; configuration section <c>Api:Limits</c>.</summary>
public sealed class ApiLimitsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Api:Limits";

    /// <summary>Requests per second one client (by remote address) may make under <c>/api</c>; 0 turns the limit off. Default 200.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerSecondPerClient { get; set; } = 200;

    /// <summary>Requests one client may make at once above its rate before it is refused (the token bucket's size). Default 400.</summary>
    [Range(1, 1_000_000)]
    public int BurstPerClient { get; set; } = 400;

    /// <summary>POSTs and DELETEs run at once, whoever sends them (each POST holds a core while it extracts). Default 2.</summary>
    [Range(1, 1024)]
    public int ConcurrentWrites { get; set; } = 2;

    /// <summary>Writes that wait for a slot; one more is refused with 429. Default 16.</summary>
    [Range(0, 100_000)]
    public int WriteQueue { get; set; } = 16;

    /// <summary>Seconds a read may take before it is cancelled and answered 504. Default 30.</summary>
    [Range(1, 3600)]
    public int ReadTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds a write (reading, extracting and storing one document) may take before it is cancelled and answered 504. Default 120.</summary>
    [Range(1, 3600)]
    public int WriteTimeoutSeconds { get; set; } = 120;
}

/// <summary>
/// ASP.NET Core's rate limiter and request timeouts, so one client cannot starve the others: a token bucket per client
/// for everything under <c>/api</c>, a concurrency limit with a short queue shared by all writes, and a timeout that
/// cancels <c>RequestAborted</c> (which reaches extraction and the store) for reads and for writes.
/// </summary>
internal static class ApiLimits
{
    public const string WritePolicy = "writes";

    private const int RetryAfterSeconds = 1;

    public static IServiceCollection AddApiLimits(this IServiceCollection services)
    {
        services.AddOptions<ApiLimitsOptions>().BindConfiguration(ApiLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiLimitsOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectedAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                limits.RequestsPerSecondPerClient == 0 || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    // partitions are cached by key: the unlimited one must not share a key with a client's bucket
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter("client " + context.Connection.RemoteIpAddress, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(limits.BurstPerClient, 1),
                        TokensPerPeriod = limits.RequestsPerSecondPerClient,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.AddConcurrencyLimiter(WritePolicy, writes =>
            {
                writes.PermitLimit = limits.ConcurrentWrites;
                writes.QueueLimit = limits.WriteQueue;
                writes.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
        services.AddRateLimiter(_ => { });

        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ApiLimitsOptions>>((timeouts, configured) =>
        {
            timeouts.DefaultPolicy = Policy(TimeSpan.FromSeconds(configured.Value.ReadTimeoutSeconds));
            timeouts.AddPolicy(WritePolicy, Policy(TimeSpan.FromSeconds(configured.Value.WriteTimeoutSeconds)));
        });
        services.AddRequestTimeouts();
        return services;
    }

    /// <summary>A write endpoint: the shared write concurrency limit and the write timeout.</summary>
    public static RouteHandlerBuilder AsLimitedWrite(this RouteHandlerBuilder endpoint)
    {
        endpoint.RequireRateLimiting(WritePolicy);
        endpoint.WithRequestTimeout(WritePolicy);
        return endpoint;
    }

    private static RequestTimeoutPolicy Policy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => WriteProblemAsync(context, StatusCodes.Status504GatewayTimeout, "Request timed out",
            $"The request took longer than {timeout.TotalSeconds:0} s and was stopped (Api:Limits:ReadTimeoutSeconds / WriteTimeoutSeconds)."),
    };

    private static async ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : RetryAfterSeconds;
        rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await WriteProblemAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
            "Over this client's request rate or the API's write concurrency (Api:Limits); retry after the Retry-After seconds.");
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
