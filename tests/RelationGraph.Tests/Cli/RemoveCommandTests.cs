using System.Globalization;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Tests.Core.Ingestion;
using CliProgram = RelationGraph.Cli.Program;

namespace RelationGraph.Tests.Cli;

public sealed class RemoveCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Overlapping stories: removing one leaves facts and entities that others support, with smaller totals.
    private static readonly Dictionary<string, string> Stories = new(StringComparer.Ordinal)
    {
        ["a.txt"] = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.",
        ["b.md"] = "# Contracts\n\nCorvane Dynamics won a $40 million contract from the Ministry of Transport in 2024 [3].",
        ["c.txt"] = "Tomas Brennholt, chairman of Halvorsen Shipping, met Marta Lindqvist in Bergen.",
        ["sub/d.txt"] = "Marta Lindqvist, chief executive of Corvane Dynamics, signed a deal with Halvorsen Shipping in 2023.",
    };

    private static TempFolder Corpus(params string[] except)
    {
        var corpus = new TempFolder("corpus");
        foreach (var (name, text) in Stories.Where(s => !except.Contains(s.Key)))
        {
            corpus.Write(name, text);
        }

        return corpus;
    }

    private static Task IngestAsync(string database, params string[] paths) => IngestAsync(database, null, paths);

    private static async Task IngestAsync(string database, long? maxSize, params string[] paths)
    {
        using var host = CliHost.Build(database, MaxSize(maxSize));
        Assert.Equal(ExitCodes.Ok, await IngestCommand.RunAsync(paths, null, host.Services, TextWriter.Null, TextWriter.Null, terminal: false, Ct));
    }

    private static Task<(int Exit, string Stdout)> RemoveAsync(string database, params string[] targets) => RemoveAsync(database, null, targets);

    private static async Task<(int Exit, string Stdout)> RemoveAsync(string database, long? maxSize, params string[] targets)
    {
        using var host = CliHost.Build(database, MaxSize(maxSize));
        var stdout = new StringWriter();
        var exit = await RemoveCommand.RunAsync(targets, host.Services, stdout, TextWriter.Null, Ct);
        return (exit, stdout.ToString());
    }

    private static Dictionary<string, string?>? MaxSize(long? bytes) =>
        bytes is { } max ? new() { ["Ingestion:MaxDocumentBytes"] = max.ToString(CultureInfo.InvariantCulture) } : null;

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task RunAsync_PathThatTwoStoredDocumentsMayHaveComeFrom_RemovesNothingAndListsTheirIds()
    {
        using var work = new TempFolder("work");
        using var corpus = Corpus();
        var database = Path.Combine(work.Path, "graph.db");
        var file = Path.Combine(corpus.Path, "sub", "d.txt");
        await IngestAsync(database, corpus.Path);
        await IngestAsync(database, file);
        var before = await CliRun.SnapshotAsync(database);

        var (exit, stdout) = await RemoveAsync(database, file);

        Assert.Equal(ExitCodes.Failed, exit);
        var line = Assert.Single(Lines(stdout));
        Assert.True(line.StartsWith("ambiguous ", StringComparison.Ordinal), line);
        Assert.Contains($"{StableId.Document("corpus/sub/d.txt")} (corpus/sub/d.txt)", line, StringComparison.Ordinal);
        Assert.Contains($"{StableId.Document("sub/d.txt")} (sub/d.txt)", line, StringComparison.Ordinal);
        GraphSnapshot.AssertEqual(before, await CliRun.SnapshotAsync(database));
        Assert.Equal(ExitCodes.Ok, (await RemoveAsync(database, StableId.Document("sub/d.txt"))).Exit);
        Assert.Equal(ExitCodes.Ok, (await RemoveAsync(database, file)).Exit);
    }

    [Fact]
    public async Task RunAsync_OneFileByPathOneById_GraphEqualsOneThatNeverHadThem()
    {
        using var work = new TempFolder("work");
        using var corpus = Corpus();
        var database = Path.Combine(work.Path, "graph.db");
        await IngestAsync(database, corpus.Path);
        var full = await CliRun.SnapshotAsync(database);

        var (exit, stdout) = await RemoveAsync(database, Path.Combine(corpus.Path, "sub", "d.txt"), StableId.Document("corpus/b.md"));

        Assert.Equal(ExitCodes.Ok, exit);
        var lines = Lines(stdout);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"removed {StableId.Document("corpus/sub/d.txt")} (corpus/sub/d.txt): evidence -", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"removed {StableId.Document("corpus/b.md")} (corpus/b.md): evidence -", lines[1], StringComparison.Ordinal);
        using var smaller = Corpus("b.md", "sub/d.txt");
        var neverHad = Path.Combine(work.Path, "never-had.db");
        await IngestAsync(neverHad, smaller.Path);
        var afterRemove = await CliRun.SnapshotAsync(database);
        Assert.Equal(full.Documents.Count - 2, afterRemove.Documents.Count);
        Assert.True(afterRemove.Facts.Count < full.Facts.Count, "the contract fact was only in b.md");
        GraphSnapshot.AssertEqual(await CliRun.SnapshotAsync(neverHad), afterRemove);

        await IngestAsync(database, corpus.Path);

        GraphSnapshot.AssertEqual(full, await CliRun.SnapshotAsync(database));
    }

    [Fact]
    public async Task RunAsync_FileDeletedFromDiskAfterIngestingItsParentFolder_IsFoundByItsPath()
    {
        using var work = new TempFolder("work");
        using var corpus = Corpus();
        var database = Path.Combine(work.Path, "graph.db");
        // ingesting the folder above names the file "<parent>/corpus/a.txt", not "corpus/a.txt"
        var parent = Path.GetDirectoryName(corpus.Path)!;
        await IngestAsync(database, parent);
        var file = Path.Combine(corpus.Path, "a.txt");
        File.Delete(file);

        var (exit, stdout) = await RemoveAsync(database, file);

        Assert.Equal(ExitCodes.Ok, exit);
        var expected = Path.GetFileName(parent) + "/corpus/a.txt";
        Assert.StartsWith($"removed {StableId.Document(expected)} ({expected})", Assert.Single(Lines(stdout)), StringComparison.Ordinal);
        Assert.Equal(Stories.Count - 1, (await CliRun.SnapshotAsync(database)).Documents.Count);
    }

    [Fact]
    public async Task RunAsync_FeedLineOverTheLimit_SaysSoAndIsRemovedWithTheJobsLimit()
    {
        using var work = new TempFolder("work");
        using var corpus = new TempFolder("corpus");
        var story = string.Join(' ', Enumerable.Repeat(Stories["a.txt"], 20));
        var feed = corpus.Write("feed.jsonl", $"{{\"id\":\"long\",\"text\":\"{story}\"}}\n");
        var database = Path.Combine(work.Path, "graph.db");
        await IngestAsync(database, 100_000, corpus.Path);

        var (smallExit, smallOut) = await RemoveAsync(database, 1000, feed);
        var (exit, stdout) = await RemoveAsync(database, 100_000, feed);

        Assert.Equal(ExitCodes.Failed, smallExit);
        Assert.StartsWith("skipped corpus/feed.jsonl#L1: over the size limit", Lines(smallOut)[0], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith($"removed {StableId.Document("corpus/feed.jsonl#long")} ", Assert.Single(Lines(stdout)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FeedPath_RemovesEveryRecordItsLinesBecame()
    {
        using var work = new TempFolder("work");
        using var corpus = Corpus();
        corpus.Write("feed.jsonl",
            $"{{\"id\":\"r1\",\"text\":\"{Stories["a.txt"]}\"}}\n" +
            $"{{\"url\":\"https://example.org/r2\",\"text\":\"{Stories["c.txt"]}\"}}\n" +
            "{not json\n" +
            $"{{\"text\":\"{Stories["sub/d.txt"]}\"}}\n");
        var database = Path.Combine(work.Path, "graph.db");
        using (var host = CliRun.Host(database))
        {
            // the malformed line fails the job (exit 1) but the other records land
            await IngestCommand.RunAsync([corpus.Path], null, host.Services, TextWriter.Null, TextWriter.Null, terminal: false, Ct);
        }

        Assert.Equal(Stories.Count + 3, (await CliRun.SnapshotAsync(database)).Documents.Count);

        var (exit, stdout) = await RemoveAsync(database, Path.Combine(corpus.Path, "feed.jsonl"));

        Assert.Equal(ExitCodes.Ok, exit);
        var lines = Lines(stdout);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"removed {StableId.Document("corpus/feed.jsonl#r1")} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"removed {StableId.Document("https://example.org/r2")} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"removed {StableId.Document("corpus/feed.jsonl#L4")} ", StringComparison.Ordinal));
        Assert.Equal(Stories.Count, (await CliRun.SnapshotAsync(database)).Documents.Count);
    }

    [Fact]
    public async Task RunAsync_UnknownIdAndPath_ExitsOneRemovesTheRestAndSaysWhichWereNotFound()
    {
        using var work = new TempFolder("work");
        using var corpus = Corpus();
        var database = Path.Combine(work.Path, "graph.db");
        await IngestAsync(database, corpus.Path);

        var (exit, stdout) = await RemoveAsync(database, "doc_0000000000000000", Path.Combine(corpus.Path, "a.txt"), Path.Combine(corpus.Path, "never.txt"));

        Assert.Equal(ExitCodes.Failed, exit);
        var lines = Lines(stdout);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("not found doc_0000000000000000", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"removed {StableId.Document("corpus/a.txt")}", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("not found ", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("never.txt: no document in the graph was ingested from it", lines[2], StringComparison.Ordinal);
        Assert.Equal(Stories.Count - 1, (await CliRun.SnapshotAsync(database)).Documents.Count);
    }

    [Fact]
    public async Task RunAsync_StoreCannotBeOpened_ExitsThree()
    {
        using var work = new TempFolder("work");
        // a folder where the database file should be
        using var host = CliRun.Host(work.Path);
        var stderr = new StringWriter();

        var exit = await RemoveCommand.RunAsync(["doc_0000000000000000"], host.Services, TextWriter.Null, stderr, Ct);

        Assert.Equal(ExitCodes.StoreUnavailable, exit);
        Assert.Contains("store is unavailable", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_RemoveWithoutArguments_IsAUsageError()
    {
        Assert.Equal(ExitCodes.Usage, await CliProgram.Main(["remove"]));
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("glob")]
    [InlineData("file")]
    public void PossibleSources_HowEverIngestNamedTheFile_IncludesItsSource(string namedAs)
    {
        using var corpus = Corpus();
        var file = Path.Combine(corpus.Path, "sub", "d.txt");
        var given = namedAs switch
        {
            "folder" => Path.GetDirectoryName(corpus.Path)!,
            "glob" => Path.Combine(corpus.Path, "**", "*.txt"),
            _ => file,
        };

        var ingested = SourceDiscovery.Discover([given], corpus.Path).Files.Single(f => f.FullPath == file).SourceUri;

        Assert.Contains(ingested, DocumentIds.PossibleSources(file));
        Assert.Equal("sub/d.txt", DocumentIds.PossibleSources(file)[0]);
    }
}
