using System.Diagnostics;
using System.Net;
using RelationGraph.Bench.Paths;

namespace RelationGraph.Bench.Rest;

/// <summary>The outcome of one closed-loop load run.</summary>
internal sealed record LoadResult(int Concurrency, int Completed, int Errors, TimeSpan Elapsed, double[] SortedLatenciesMs, string? FirstError)
{
    public double RequestsPerSecond => Completed / Elapsed.TotalSeconds;
}

/// <summary>
/// N clients, each sending its next path request as soon as the previous one answered, over the seeded pairs
/// in turn, until the request budget or the time budget runs out (whichever first).
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(HttpClient client, IReadOnlyList<Pair> pairs, int concurrency, int maxRequests, TimeSpan maxDuration)
    {
        using var stop = new CancellationTokenSource(maxDuration);
        var issued = -1;
        var errors = 0;
        string? firstError = null;
        var latencies = new List<double>[concurrency];
        var started = Stopwatch.GetTimestamp();

        async Task ClientAsync(int worker)
        {
            var mine = latencies[worker] = new List<double>(maxRequests / concurrency + 1);
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref issued);
                if (n >= maxRequests)
                {
                    return;
                }

                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(RestPathTarget.RequestUri(pairs[n % pairs.Count]), HttpCompletionOption.ResponseContentRead, stop.Token);
                    _ = await response.Content.ReadAsByteArrayAsync(stop.Token);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"HTTP {(int)response.StatusCode}", null);
                        continue;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return; // the time budget ran out mid-request: neither a success nor an error
                }
                catch (HttpRequestException ex)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                    continue;
                }

                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => ClientAsync(w))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.SelectMany(l => l ?? []).Order().ToArray();
        return new LoadResult(concurrency, all.Length, errors, elapsed, all, firstError);
    }
}
