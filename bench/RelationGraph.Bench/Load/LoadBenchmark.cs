using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using RelationGraph.Bench.Ingestion;
using RelationGraph.Bench.Rest;

namespace RelationGraph.Bench.Load;

/// <summary>
/// A bounded mixed load on the real API over 127.0.0.1: path reads from several clients, POSTs from one writer, and a
/// second process (`relgraph ingest`) writing the same SQLite file at the same time, plus probes that time how long
/// another process's commit takes to show in <c>/api/paths</c>. Stops by itself after <c>--seconds</c>.
/// </summary>
internal static class LoadBenchmark
{
    private static readonly string[] ProbeOrgs = ["Quarrystone", "Brackenfold", "Cinderwick", "Dovemarsh", "Elmscarp", "Fernhollow", "Gorsemoor", "Hazelrigg", "Ivybridge", "Juniperton"];

    private static readonly string[] ProbeLastNames = ["Vandermeer", "Ashcombe", "Blackthorne", "Carrowmore", "Dunleavy", "Everdell", "Fairweather", "Glenister", "Hartigan", "Inglethorpe"];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = IntOption(args, "--seconds", 20);
        var readers = IntOption(args, "--readers", 4);
        var baseDocs = IntOption(args, "--docs", 300);
        var probes = Math.Min(IntOption(args, "--probes", 5), ProbeOrgs.Length);
        var work = Directory.CreateTempSubdirectory("relgraph-load-");
        try
        {
            return await RunAsync(work.FullName, TimeSpan.FromSeconds(seconds), readers, baseDocs, probes);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(string work, TimeSpan duration, int readers, int baseDocs, int probes)
    {
        var database = Path.Combine(work, "graph.db");
        var corpus = Path.Combine(work, "corpus");
        NewsCorpus.Generate(Path.Combine(corpus, "base"), baseDocs, seed: 1);
        NewsCorpus.Generate(Path.Combine(corpus, "other"), baseDocs, seed: 2);
        NewsCorpus.Generate(Path.Combine(corpus, "posted"), 400, seed: 3);
        var loaded = Stopwatch.StartNew();
        var (exit, output) = await RelgraphAsync(work, CancellationToken.None, "ingest", Path.Combine(corpus, "base"), "--db", database);
        if (exit != 0)
        {
            await Console.Error.WriteLineAsync($"loading the base corpus failed ({exit}): {output}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store: {baseDocs} documents loaded by relgraph ingest in {loaded.Elapsed.TotalSeconds:F1} s"));
        var pairs = EntityPairs(database, 400);

        // one client address makes all the load: ApiServer turns the per-client rate limit off; the write limits are the defaults
        await using var server = await ApiServer.StartAsync(ApiServer.DefaultDllPath(), database, TimeSpan.FromMinutes(2));
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var stop = new CancellationTokenSource(duration);
        var reads = new ConcurrentBag<(double Ms, int Status)>();
        var writes = new ConcurrentBag<(double Ms, int Status)>();
        var started = Stopwatch.StartNew();

        var readTasks = Enumerable.Range(0, readers).Select(r => ReadLoopAsync(client, pairs, r, reads, stop.Token)).ToList();
        var writeTask = WriteLoopAsync(client, Directory.GetFiles(Path.Combine(corpus, "posted"), "*.txt", SearchOption.AllDirectories), writes, stop.Token);
        var otherProcess = RelgraphAsync(work, stop.Token, "ingest", Path.Combine(corpus, "other"), "--db", database, "--batch-size", "16");
        var visibility = ProbeLoopAsync(client, work, database, probes, duration, stop.Token);
        var peak = 0L;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, server.Sample().WorkingSet);
            await Task.WhenAny(Task.Delay(250), Task.Delay(Timeout.Infinite, stop.Token));
        }

        await Task.WhenAll(readTasks);
        await writeTask;
        var elapsed = started.Elapsed.TotalSeconds;
        var latencies = await visibility;
        var (otherExit, otherOutput) = await otherProcess;
        var (rss, _, cpu) = server.Sample();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {elapsed:F1} s, {readers} path readers, 1 POST writer, relgraph ingest of {baseDocs} documents in a second process (exit {otherExit}{(otherExit == 130 ? ", stopped at the end of the run" : "")})"));
        Report("GET /api/paths", reads, elapsed);
        Report("POST /api/documents", writes, elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server: RSS {rss / 1_048_576.0:F0} MB now, {peak / 1_048_576.0:F0} MB peak sampled; CPU {cpu.TotalSeconds:F1} s"));
        var visible = latencies.Where(l => l >= 0).Order().ToList();
        Console.WriteLine(visible.Count == 0
            ? $"another process's write visible in /api/paths: never, in {latencies.Count} probes"
            : string.Create(CultureInfo.InvariantCulture,
                $"another process's write visible in /api/paths after its commit: {visible.Count}/{latencies.Count} probes, median {visible[visible.Count / 2]:F0} ms, max {visible[^1]:F0} ms"));
        var errors = reads.Count(r => r.Status is < 200 or >= 300) + writes.Count(w => w.Status is < 200 or >= 300);
        if (otherExit is not (0 or 130))
        {
            await Console.Error.WriteLineAsync($"the second writer failed ({otherExit}): {otherOutput}");
        }

        return errors == 0 && visible.Count == latencies.Count && otherExit is 0 or 130 ? 0 : 1;
    }

    private static async Task ReadLoopAsync(HttpClient client, List<(string From, string To)> pairs, int seed, ConcurrentBag<(double, int)> results, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var (from, to) = pairs[random.Next(pairs.Count)];
            results.Add(await TimedAsync(() => client.GetAsync(new Uri($"/api/paths?from={from}&to={to}&maxHops=4", UriKind.Relative), CancellationToken.None)));
        }
    }

    private static async Task WriteLoopAsync(HttpClient client, string[] files, ConcurrentBag<(double, int)> results, CancellationToken stop)
    {
        foreach (var file in files)
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            var text = await File.ReadAllTextAsync(file, CancellationToken.None);
            results.Add(await TimedAsync(() => client.PostAsync(new Uri("/api/documents?id=" + Path.GetFileNameWithoutExtension(file), UriKind.Relative),
                new StringContent(text, Encoding.UTF8, "text/plain"), CancellationToken.None)));
        }
    }

    // Each probe: a second process ingests a story linking two people nobody named before; the time from the moment its
    // document is in the file (polled with SQL) until /api/paths finds the link.
    private static async Task<List<double>> ProbeLoopAsync(HttpClient client, string work, string database, int probes, TimeSpan duration, CancellationToken stop)
    {
        var latencies = new List<double>();
        // a probe's own relgraph process takes a second or two to start: spread them over the first half of the run
        var gap = duration / (2 * probes + 1);
        for (var i = 0; i < probes && !stop.IsCancellationRequested; i++)
        {
            await Task.WhenAny(Task.Delay(gap, CancellationToken.None), Task.Delay(Timeout.Infinite, stop));
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var person = $"Ottilie {ProbeLastNames[i]}";
            var other = $"Barnaby {ProbeLastNames[(i + 5) % ProbeLastNames.Length]}-Reyes";
            var org = $"{ProbeOrgs[i]} Holdings";
            var file = Path.Combine(work, $"probe-{i}.txt");
            await File.WriteAllTextAsync(file, $"{person}, chief executive of {org}, met {other} in Geneva on Tuesday. {other} is chairman of {org}.\n", CancellationToken.None);
            var ingest = RelgraphAsync(work, CancellationToken.None, "ingest", file, "--db", database);
            var committed = await PollAsync(() => Task.FromResult(HasDocumentNamed(database, file)), TimeSpan.FromSeconds(60));
            var clock = Stopwatch.StartNew();
            var url = new Uri($"/api/paths?from={Uri.EscapeDataString(person)}&to={Uri.EscapeDataString(other)}", UriKind.Relative);
            var found = committed && await PollAsync(async () =>
            {
                using var response = await client.GetAsync(url, CancellationToken.None);
                return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(CancellationToken.None)).Contains("\"hops\":[{", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(30));
            latencies.Add(found ? clock.Elapsed.TotalMilliseconds : -1);
            await ingest;
        }

        return latencies;
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(2);
        }

        return false;
    }

    private static bool HasDocumentNamed(string database, string file)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM documents WHERE source_uri LIKE '%' || $name)";
        command.Parameters.AddWithValue("$name", Path.GetFileName(file));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    private static List<(string From, string To)> EntityPairs(string database, int count)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT subject_id, object_id FROM facts ORDER BY fact_key LIMIT 2000";
        var ends = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ends.Add(reader.GetString(0));
                ends.Add(reader.GetString(1));
            }
        }

        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(_ => (ends[random.Next(ends.Count)], ends[random.Next(ends.Count)]))];
    }

    private static async Task<(double Ms, int Status)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await send();
            await response.Content.LoadIntoBufferAsync(CancellationToken.None);
            return (clock.Elapsed.TotalMilliseconds, (int)response.StatusCode);
        }
        catch (HttpRequestException)
        {
            return (clock.Elapsed.TotalMilliseconds, 0);
        }
    }

    private static void Report(string name, ConcurrentBag<(double Ms, int Status)> results, double seconds)
    {
        var sorted = results.Select(r => r.Ms).Order().ToArray();
        var errors = results.Count(r => r.Status is < 200 or >= 300);
        var statuses = string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        Console.WriteLine(sorted.Length == 0 ? $"{name}: no requests" : string.Create(CultureInfo.InvariantCulture,
            $"{name}: {sorted.Length} requests, {sorted.Length / seconds:F1}/s, p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms, errors {errors} ({statuses})"));
    }

    private static double Percentile(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    // relgraph as a child process (the CLI build next to this one); cancelled: SIGINT, as Ctrl+C would, so it stops after its batch
    private static async Task<(int Exit, string Output)> RelgraphAsync(string workingDirectory, CancellationToken stop, params string[] args)
    {
        var benchFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(benchFolder.Parent!.Parent!.FullName, "RelationGraph.Cli", benchFolder.Name, "relgraph.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await using (stop.Register(() => Interrupt(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static void Interrupt(Process process)
    {
        try
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill?.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
