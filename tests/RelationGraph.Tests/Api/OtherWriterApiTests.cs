using System.Net;
using RelationGraph.Cli;
using RelationGraph.Tests.Cli;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Api;

/// <summary>The API answers from what another process (the real <c>relgraph</c> executable) wrote to its store, without a restart.</summary>
public sealed class OtherWriterApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetPaths_RelgraphIngestsThenRemovesInAnotherProcess_AnswersFollowWithoutRestart()
    {
        using var work = new TempFolder("work");
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        var before = await client.GetAsync(new Uri("/api/paths?from=Elon%20Musk&to=Vladimir%20Putin", UriKind.Relative), Ct);
        var corpus = Path.Combine(work.Path, "corpus");
        Directory.CreateDirectory(corpus);
        File.Copy(RepoPaths.SeedFile, Path.Combine(corpus, RepoPaths.SeedFileName));

        await RunAsync(work.Path, "ingest", corpus, "--db", app.DatabasePath);
        var added = await ApiAssert.GetJsonAsync(client, "/api/paths?from=Elon%20Musk&to=Vladimir%20Putin");
        var factKey = added.GetProperty("paths")[0].GetProperty("hops")[0].GetProperty("fact").GetProperty("factKey").GetString()!;
        await RunAsync(work.Path, "remove", corpus, "--db", app.DatabasePath);
        var removed = await client.GetAsync(new Uri("/api/paths?from=Elon%20Musk&to=Vladimir%20Putin", UriKind.Relative), Ct);
        var evidence = await client.GetAsync(new Uri($"/api/facts/{Uri.EscapeDataString(factKey)}/evidence", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(before, HttpStatusCode.NotFound);
        Assert.NotEmpty(added.GetProperty("paths").EnumerateArray());
        // every entity went with the only document: the names are unknown again, and the fact's evidence is gone
        await ApiAssert.ProblemAsync(removed, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(evidence, HttpStatusCode.NotFound);
    }

    private static async Task RunAsync(string workingDirectory, params string[] args)
    {
        using var process = CliRun.Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == ExitCodes.Ok, $"relgraph {string.Join(' ', args)} exit {process.ExitCode}: {await stdout} {await stderr}");
    }
}
