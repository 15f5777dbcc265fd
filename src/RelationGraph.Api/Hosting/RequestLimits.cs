using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace RelationGraph.Api.Hosting;

/// <summary>
/// The request-line and header limits, enforced here so that a 414 or 431 is Problem Details like every other error:
/// Kestrel answers its own limits with an empty body and no hook (aspnet/KestrelHttpServer#2947), so its limits are
/// raised to <see cref="KestrelRequestLineBytes"/> and <see cref="KestrelHeaderBytes"/> and this middleware answers
/// the ordinary ones (Kestrel's defaults) first, with a hint. A request past Kestrel's raised limits, or one Kestrel
/// cannot parse at all (a NUL in the path), gets Kestrel's status with a body from <see cref="KestrelRejections"/>.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>The longest request target (path and query, as sent) answered; longer is 414.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>The most header bytes (names and values) answered; more is 431.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public const int KestrelRequestLineBytes = 64 * 1024;

    public const int KestrelHeaderBytes = 128 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var target = request.PathBase.Value!.Length + request.Path.Value!.Length + request.QueryString.Value!.Length;
        if (target > MaxTargetBytes)
        {
            await RejectAsync(context, StatusCodes.Status414UriTooLong, "URI too long",
                $"The request target is over {MaxTargetBytes:N0} characters. Send long input in a POST body.");
            return;
        }

        long headers = 0;
        foreach (var (name, values) in request.Headers)
        {
            headers += name.Length + values.ToString().Length;
        }

        if (headers > MaxHeaderBytes)
        {
            await RejectAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                $"The request's headers are over {MaxHeaderBytes:N0} bytes.");
            return;
        }

        await next(context);
    }

    private Task RejectAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

internal static class RequestLimitsRegistration
{
    /// <summary>Raises Kestrel's request-line and header limits so <see cref="RequestLimitsMiddleware"/> answers first.</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = RequestLimitsMiddleware.KestrelRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestLimitsMiddleware.KestrelHeaderBytes;
        });
}
