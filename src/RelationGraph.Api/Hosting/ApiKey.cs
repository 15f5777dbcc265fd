using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RelationGraph.Api.Hosting;

/// <summary>Options of the API host; configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Api";

    /// <summary>When set, writes (and with <see cref="ProtectReads"/> every <c>/api</c> request) require this value in the <c>X-Api-Key</c> header.</summary>
    public string? Key { get; set; }

    /// <summary>When true, reads under <c>/api</c> (documents' full text included) need the key too; needs <see cref="Key"/>.</summary>
    public bool ProtectReads { get; set; }

    /// <summary>Who holds <see cref="Key"/>: recorded as the author of identity judgements made over REST. Default <see cref="DefaultKeyOwner"/>.</summary>
    public string? KeyOwner { get; set; }

    /// <summary>The author recorded when <see cref="KeyOwner"/> is not set.</summary>
    public const string DefaultKeyOwner = "api";
}

/// <summary>
/// Checks <c>X-Api-Key</c> before anything else looks at a request under <c>/api</c> (routing, binding, validation,
/// body reading): a caller without the key learns nothing from a 400 or 404, and sends no body the API reads.
/// Writes need the key when <c>Api:Key</c> is set; reads too when <c>Api:ProtectReads</c> is true.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problems)
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.Key) ? null : Encoding.UTF8.GetBytes(options.Value.Key);

    public async Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || (!options.Value.ProtectReads && IsRead(context.Request.Method)))
        {
            await next(context);
            return;
        }

        var given = Encoding.UTF8.GetBytes(context.Request.Headers[HeaderName].ToString());
        if (CryptographicOperations.FixedTimeEquals(given, _expected))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = $"Send the configured key in the {HeaderName} header.",
            },
        });
    }

    /// <summary>True for methods that only read.</summary>
    public static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}

internal static class ApiKeyRegistration
{
    private const string ProtectReadsWithoutKey = "Api:ProtectReads is true but Api:Key is empty: set a key, or leave reads open.";

    /// <summary>
    /// Binds <see cref="ApiOptions"/> and refuses to start with <c>ProtectReads</c> but no key: at once, before the host
    /// is built (so the refusal is the error a caller sees, not a race with hosted services being torn down), and again
    /// when options are validated at start.
    /// </summary>
    public static IServiceCollection AddApiKey(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        if (options.ProtectReads && string.IsNullOrEmpty(options.Key))
        {
            throw new OptionsValidationException(ApiOptions.SectionName, typeof(ApiOptions), [ProtectReadsWithoutKey]);
        }

        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName)
            .Validate(o => !o.ProtectReads || !string.IsNullOrEmpty(o.Key), ProtectReadsWithoutKey)
            .ValidateOnStart();
        return services;
    }
}
