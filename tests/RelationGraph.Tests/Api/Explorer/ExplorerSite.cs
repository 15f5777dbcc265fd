using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Api.Explorer;

/// <summary>
/// The API on real Kestrel (a browser cannot reach the in-memory test server) on a loopback port, over a temporary
/// store seeded from the repository's seeds/, plus a page that fails the test on any script error or CSP violation.
/// </summary>
internal sealed class ExplorerSite : IAsyncDisposable
{
    private readonly RelationGraphApp _app;

    private ExplorerSite(RelationGraphApp app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IGraphStore Store => _app.Services.GetRequiredService<IGraphStore>();

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    /// <summary>Script errors and CSP violations the page reported; a test asserts this stays empty.</summary>
    public List<string> PageErrors { get; } = [];

    /// <summary>The API on a new store seeded from seeds/, or on an existing store file; reads need the key with <paramref name="protectReads"/>.</summary>
    public static ExplorerSite Start(string? apiKey = null, string? databasePath = null, bool protectReads = false)
    {
        var app = new RelationGraphApp
        {
            ApiKey = apiKey,
            DatabasePathOverride = databasePath,
            Settings = protectReads ? new() { ["Api:ProtectReads"] = "true" } : [],
        };
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ExplorerSite(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async Task<IPage> OpenAsync(ExplorerBrowser browser, string pathAndQuery = "/")
    {
        var page = await browser.NewPageAsync();
        page.PageError += (_, error) => PageErrors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            // chromium reports CSP violations as console errors; a 404 or 409 the page handles is also logged, and is no error
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                PageErrors.Add("console: " + message.Text);
            }
        };
        await page.GotoAsync(new Uri(Address, pathAndQuery).ToString());
        return page;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
