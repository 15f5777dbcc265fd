using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RelationGraph.Api.Hosting;

/// <summary>Options of the API host; configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Api";

    /// <summary>When set, writes require this value in the <c>X-Api-Key</c> header.</summary>
    public string? Key { get; set; }
}

/// <summary>Guards write endpoints with the <c>X-Api-Key</c> header when <c>Api:Key</c> is configured.</summary>
internal sealed class ApiKeyFilter(IOptions<ApiOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.Key;
        if (string.IsNullOrEmpty(expected))
        {
            return await next(context);
        }

        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(
                title: "API key required",
                detail: $"Send the configured key in the {HeaderName} header.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }
}
