using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace RelationGraph.Api.Explorer;

/// <summary>
/// Serves the web explorer (wwwroot: index.html, explorer.js, explorer.css, vendored cytoscape) at <c>/</c>, with a
/// Content-Security-Policy that allows nothing from other origins and caching that never serves a stale page.
/// </summary>
internal static class ExplorerHosting
{
    /// <summary>
    /// Same origin only: scripts and styles from files (no inline code, no eval), data from this API, no frames, no
    /// plugins, no forms posting elsewhere. Text from documents is inserted as text, so nothing it holds can run.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // vendored libraries live under a versioned folder (vendor/cytoscape-3.35.0/), so a file there never changes
    private const string ImmutablePrefix = "/vendor/";

    public static WebApplication UseExplorer(this WebApplication app)
    {
        // The files are copied next to the assembly (RelationGraph.Api.csproj), not looked up under the content root:
        // the README's `dotnet run` from the repo root makes the repo root the content root.
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            app.Logger.ExplorerFilesMissing(root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = SetHeaders });
        return app;
    }

    private static void SetHeaders(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";

        // everything else may change with any release and has no hash in its name: the browser revalidates each
        // time (ETag / Last-Modified, so an unchanged file is a 304 without a body)
        headers.CacheControl = context.Context.Request.Path.StartsWithSegments(ImmutablePrefix.TrimEnd('/'), StringComparison.Ordinal)
            ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }.ToString()
            : "no-cache";
    }
}
