using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace RelationGraph.Tests.Api.Explorer;

/// <summary>
/// The explorer's speed as a user meets it, measured in the browser on a large store: how long suggestions take from
/// request to shown, and a path view from Connect to drawn. Opt-in: set RELATIONGRAPH_EXPLORER_BENCH_DB to a store
/// file, e.g. the 1M-entity one that <c>bench/RelationGraph.Bench paths --entities 1000000 --load sqlite-bulk --db FILE</c>
/// makes (its entities are named "Person 0000042" and so on).
/// </summary>
public sealed class ExplorerLatencyTests(ExplorerBrowser browser, ITestOutputHelper output) : IClassFixture<ExplorerBrowser>
{
    private static readonly string? Database = Environment.GetEnvironmentVariable("RELATIONGRAPH_EXPLORER_BENCH_DB");

    [Fact]
    public async Task LargeStore_SuggestionsUnder100MsAtP95AndPathViewsUnder1s()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Database), "RELATIONGRAPH_EXPLORER_BENCH_DB is not set (a large store file to measure the explorer on).");
        await using var site = ExplorerSite.Start(databasePath: Database);
        using var client = site.CreateClient();
        var random = new Random(19);
        var page = await site.OpenAsync(browser);

        // what people type: the start of a name, a number in it, a kind and part of a number
        var queries = Enumerable.Range(0, 120).Select(i => (i % 3) switch
        {
            0 => "Person " + random.Next(0, 1_000_000).ToString("D7", CultureInfo.InvariantCulture)[..5],
            1 => random.Next(0, 1_000_000).ToString("D7", CultureInfo.InvariantCulture)[2..],
            _ => "Organisation " + random.Next(0, 1_000_000).ToString("D7", CultureInfo.InvariantCulture)[..4],
        }).ToList();
        foreach (var query in queries)
        {
            await page.Locator("#from").FillAsync(query);
            await Assertions.Expect(page.Locator("#from-list")).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("n => window.relationGraphExplorer.timings.suggestions.length >= n", queries.IndexOf(query) + 1);
            await page.Locator("#from").FillAsync("");
        }

        var suggestions = (await page.EvaluateAsync<double[]>("() => window.relationGraphExplorer.timings.suggestions")).Skip(10).ToList();

        var paths = new List<double>();
        var servers = new List<double>();
        while (paths.Count < 40)
        {
            var ends = new List<string>();
            while (ends.Count < 2)
            {
                var number = random.Next(0, 1_000_000).ToString("D7", CultureInfo.InvariantCulture);
                var found = await client.GetFromJsonAsync<JsonElement>($"/api/entities?q={number}&limit=1", TestContext.Current.CancellationToken);
                if (found.GetArrayLength() == 1)
                {
                    ends.Add(found[0].GetProperty("id").GetString()!);
                }
            }

            await page.GotoAsync(new Uri(site.Address, $"/?from={ends[0]}&to={ends[1]}&mode=k-shortest&k=3").ToString());
            await Assertions.Expect(page.Locator("#view[data-state=ready], #view[data-state=error]")).ToHaveCountAsync(1);
            var timing = await page.EvaluateAsync<JsonElement?>("() => window.relationGraphExplorer.timings.path");
            if (timing is { ValueKind: JsonValueKind.Object } t)
            {
                paths.Add(t.GetProperty("totalMs").GetDouble());
                servers.Add(t.GetProperty("serverMs").GetDouble());
            }
        }

        output.WriteLine($"suggestions, request to shown ({suggestions.Count} after 10 warm-up): p50 {Percentile(suggestions, 50):0.0} ms, p95 {Percentile(suggestions, 95):0.0} ms, max {suggestions.Max():0.0} ms");
        output.WriteLine($"path view, Connect to drawn ({paths.Count}, k-shortest k=3): p50 {Percentile(paths, 50):0.0} ms, p95 {Percentile(paths, 95):0.0} ms, max {paths.Max():0.0} ms; server search p50 {Percentile(servers, 50):0.0} ms");
        Assert.Empty(site.PageErrors);
        Assert.True(Percentile(suggestions, 95) < 100, $"suggestions p95 {Percentile(suggestions, 95):0.0} ms");
        Assert.True(Percentile(paths, 95) < 1000, $"path view p95 {Percentile(paths, 95):0.0} ms");
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
