using Microsoft.Playwright;

namespace RelationGraph.Tests.Api.Explorer;

/// <summary>
/// Headless Debian chromium driven by Playwright, one per test class. Playwright's own browsers cannot be downloaded
/// here, so it launches the system browser by path; tests skip, saying how to install it, only when there is none.
/// </summary>
public sealed class ExplorerBrowser : IAsyncLifetime
{
    /// <summary>The browser: RELATIONGRAPH_CHROMIUM when set, else Debian's chromium.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("RELATIONGRAPH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string? Missing { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Missing = $"No browser at {ExecutablePath}: install Debian's chromium (apt-get install -y chromium; .ci/run does this) " +
                "or point RELATIONGRAPH_CHROMIUM at a Chromium binary.";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // root in a container needs --no-sandbox; the rest keep chromium off the network this machine closes
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh page (own cookies and storage) at a fixed size, so screenshots and positions repeat.</summary>
    public async Task<IPage> NewPageAsync()
    {
        Assert.SkipWhen(Browser is null, Missing ?? "no browser");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }
}
