using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// The real API host (the built RelationGraph.Api.dll) as a child process on a loopback port, over a SQLite
/// file the bench has already loaded. Seeding is off and request logging is quieted so the console sink
/// does not become the bottleneck being measured.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _outputLock = new();
    private readonly Queue<string> _recentOutput = new();

    private ApiServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static string DefaultDllPath()
    {
        // artifacts/bin/RelationGraph.Bench/<config>/ → artifacts/bin/RelationGraph.Api/<config>/ (built by the
        // bench's ProjectReference in the same configuration)
        var benchFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(benchFolder.Parent!.Parent!.FullName, "RelationGraph.Api", benchFolder.Name, "RelationGraph.Api.dll");
    }

    public static async Task<ApiServer> StartAsync(string dllPath, string databasePath, TimeSpan readyTimeout, IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        if (!File.Exists(dllPath))
        {
            throw new FileNotFoundException($"API build not found at {dllPath}; build src/RelationGraph.Api in the same configuration or pass --api-dll.", dllPath);
        }

        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var emptySeeds = Directory.CreateTempSubdirectory("relgraph-bench-seeds-");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dllPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__Provider"] = "Sqlite";
        start.Environment["Storage__Sqlite__Path"] = databasePath;
        start.Environment["Ingestion__SeedFolder"] = emptySeeds.FullName;
        // UseSerilogRequestLogging writes one Information event per request; Warning keeps errors visible
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        // every bench client is one loopback address: the per-client rate limit would answer the load with 429
        start.Environment["Api__Limits__RequestsPerSecondPerClient"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value; // e.g. DOTNET_gcServer=0 or Storage__Sqlite__CachedFacts=0, for A/B runs of the server alone
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ApiServer(process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitReadyAsync(readyTimeout, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        finally
        {
            emptySeeds.Delete();
        }

        return server;
    }

    /// <summary>Working set and CPU time of the server process now.</summary>
    public (long WorkingSet, long PeakWorkingSet, TimeSpan Cpu) Sample()
    {
        _process.Refresh();
        return (_process.WorkingSet64, _process.PeakWorkingSet64, _process.TotalProcessorTime);
    }

    public string RecentOutput()
    {
        lock (_outputLock)
        {
            return string.Join(Environment.NewLine, _recentOutput);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{RecentOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet: the store builds its path index before Kestrel starts
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // a health probe that timed out while the index is being built
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException($"The API was not ready within {timeout.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput()}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _recentOutput.Enqueue(line);
            if (_recentOutput.Count > 40)
            {
                _recentOutput.Dequeue();
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
