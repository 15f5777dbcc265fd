using RelationGraph.Core.Ingestion;

namespace RelationGraph.Tests.Core.Ingestion;

public sealed class SourceDiscoveryTests
{
    [Fact]
    public void Discover_SameFileByFolderFileOrGlob_GetsTheSameSourceId()
    {
        using var corpus = new TempFolder("news");
        var file = corpus.Write("a.txt", "text");
        var parent = Path.GetDirectoryName(corpus.Path)!;

        var byFolder = SourceDiscovery.Discover(["news"], parent).Files;
        var byFile = SourceDiscovery.Discover([file], "/").Files;
        var byGlob = SourceDiscovery.Discover(["news/*.txt"], parent).Files;

        Assert.Equal("news/a.txt", Assert.Single(byFolder).SourceUri);
        Assert.Equal("news/a.txt", Assert.Single(byFile).SourceUri);
        Assert.Equal("news/a.txt", Assert.Single(byGlob).SourceUri);
    }

    [Fact]
    public void Discover_FolderRecursively_TakesSupportedFilesSkipsHiddenAndIgnoresOthers()
    {
        using var corpus = new TempFolder("news");
        corpus.Write("b/deep/c.md", "text");
        corpus.Write("a.html", "<p>text</p>");
        corpus.Write(".git/config.txt", "hidden");
        corpus.Write("image.jpg", "x");

        var found = SourceDiscovery.Discover([corpus.Path], "/");

        Assert.Equal(["news/a.html", "news/b/deep/c.md"], found.Files.Select(f => f.SourceUri));
        Assert.Single(found.Ignored);
        Assert.Empty(found.Missing);
    }

    [Fact]
    public void Discover_LinkBackUpTheTree_IsNotFollowed()
    {
        using var corpus = new TempFolder("news");
        corpus.Write("sub/a.txt", "text");
        var loop = Path.Combine(corpus.Path, "sub", "0-loop");
        Directory.CreateSymbolicLink(loop, corpus.Path);

        var found = SourceDiscovery.Discover([corpus.Path], "/");

        // followed, the loop gave news/sub/0-loop/sub/a.txt, news/sub/0-loop/sub/0-loop/sub/a.txt, ... 40 levels deep
        Assert.Equal(["news/sub/a.txt"], found.Files.Select(f => f.SourceUri));
        Assert.Equal([loop], found.SkippedLinks);
    }

    [Fact]
    public void Discover_LinksToAFolderInsideTheScan_AreNotFollowedWhicheverComesFirst()
    {
        using var corpus = new TempFolder("news");
        corpus.Write("b/x.txt", "text");
        var before = Path.Combine(corpus.Path, "a-link");
        var after = Path.Combine(corpus.Path, "c-link");
        Directory.CreateSymbolicLink(before, Path.Combine(corpus.Path, "b"));
        Directory.CreateSymbolicLink(after, Path.Combine(corpus.Path, "b"));

        var found = SourceDiscovery.Discover([corpus.Path], "/");

        // one document per file, under the name it has in the folder itself
        Assert.Equal(["news/b/x.txt"], found.Files.Select(f => f.SourceUri));
        Assert.Equal([before, after], found.SkippedLinks);
    }

    [Fact]
    public void Discover_LinkToAFolderOutside_IsFollowedOnce()
    {
        using var corpus = new TempFolder("news");
        using var archive = new TempFolder("archive");
        archive.Write("old.txt", "text");
        Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "archive"), archive.Path);
        Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "zz-again"), archive.Path);
        Directory.CreateSymbolicLink(Path.Combine(archive.Path, "back"), corpus.Path);

        var found = SourceDiscovery.Discover([corpus.Path], "/");

        Assert.Equal(["news/archive/old.txt"], found.Files.Select(f => f.SourceUri));
        Assert.Equal([Path.Combine(corpus.Path, "archive", "back"), Path.Combine(corpus.Path, "zz-again")], found.SkippedLinks.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Discover_LinkToAFolderAboveOneAlreadyFollowed_WalksTheRestOfIt()
    {
        using var corpus = new TempFolder("news");
        using var archive = new TempFolder("archive");
        archive.Write("sub/in-sub.txt", "text");
        archive.Write("top.txt", "text");
        archive.Write("other/o.txt", "text");
        Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "a"), Path.Combine(archive.Path, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "b"), archive.Path);

        var found = SourceDiscovery.Discover([corpus.Path], "/");

        // archive/sub is read once, through the link that reached it first; nothing else of the archive is lost
        Assert.Equal(["news/a/in-sub.txt", "news/b/other/o.txt", "news/b/top.txt"], found.Files.Select(f => f.SourceUri));
        Assert.Empty(found.SkippedLinks);
    }

    [Fact]
    public void Discover_GlobThroughOneOfTwoLinksToAFolder_FollowsTheOneItEnters()
    {
        using var corpus = new TempFolder("news");
        using var archive = new TempFolder("archive");
        archive.Write("x.txt", "text");
        Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "a"), archive.Path);
        Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "x1"), archive.Path);

        var found = SourceDiscovery.Discover([Path.Combine(corpus.Path, "x*", "*.txt")], "/");

        Assert.Equal(["news/x1/x.txt"], found.Files.Select(f => f.SourceUri));
        Assert.Empty(found.SkippedLinks);
        Assert.Empty(found.Missing);
    }

    [Fact]
    public void Discover_PartOfAWatchedFolder_FollowsNoLinkAndLeavesThemToTheFullScan()
    {
        using var corpus = new TempFolder("inbox");
        using var archive = new TempFolder("archive");
        archive.Write("x.txt", "text");
        corpus.Write("first.txt", "text");
        Directory.CreateDirectory(Path.Combine(corpus.Path, "b"));
        Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "a-link"), archive.Path);
        Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "b", "l2"), archive.Path);
        var up = Path.Combine(corpus.Path, "up");
        Directory.CreateSymbolicLink(up, Path.GetDirectoryName(corpus.Path)!);

        // what a watch pass after file events asks for: a new link, and a folder holding a second link to the archive
        var eventPass = SourceDiscovery.Discover([up, Path.Combine(corpus.Path, "b")], corpus.Path, corpus.Path);
        var fullScan = SourceDiscovery.Discover([corpus.Path], corpus.Path, corpus.Path);

        Assert.Empty(eventPass.Files);
        Assert.Empty(eventPass.SkippedLinks);
        Assert.Equal(["inbox/a-link/x.txt", "inbox/first.txt"], fullScan.Files.Select(f => f.SourceUri));
        Assert.Equal([Path.Combine(corpus.Path, "b", "l2"), up], fullScan.SkippedLinks.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Discover_RecursiveGlob_MatchesBelowItsRoot()
    {
        using var corpus = new TempFolder("news");
        corpus.Write("x/one.md", "1");
        corpus.Write("x/y/two.md", "2");
        corpus.Write("x/y/three.txt", "3");

        var found = SourceDiscovery.Discover([Path.Combine(corpus.Path, "x", "**", "*.md")], "/");

        Assert.Equal(["x/one.md", "x/y/two.md"], found.Files.Select(f => f.SourceUri));
    }

    [Fact]
    public void Discover_PathsThatNameNothing_AreReportedMissing()
    {
        using var corpus = new TempFolder();

        var found = SourceDiscovery.Discover(["no-such-file.txt", Path.Combine(corpus.Path, "*.txt")], corpus.Path);

        Assert.Equal(2, found.Missing.Count);
        Assert.Empty(found.Files);
    }

    [Fact]
    public void Enumerate_Feed_OneSourcePerNonBlankLineAndBadBytesFailAlone()
    {
        using var corpus = new TempFolder();
        corpus.Write("feed.jsonl", [.. "\uFEFF{\"text\":\"a\"}\n\n"u8.ToArray(), 0xFF, 0xFE, (byte)'\n', .. "{\"text\":\"b\"}\r\n"u8.ToArray()]);
        var found = SourceDiscovery.Discover([corpus.Path], "/");

        var sources = found.Enumerate().ToList();

        Assert.Equal(3, found.CountDocuments());
        Assert.Collection(sources,
            s => Assert.Equal(new JsonRecordSource("corpus/feed.jsonl#L1", "corpus/feed.jsonl", "line 1", "{\"text\":\"a\"}"), s),
            s => Assert.Equal("invalid-utf8", Assert.IsType<FailedSource>(s).ErrorCode),
            s => Assert.Equal("{\"text\":\"b\"}", Assert.IsType<JsonRecordSource>(s).Json));
    }

    [Fact]
    public void Enumerate_FeedLineOverTheLimit_FailsAloneAsTooLargeAndTheFeedGoesOn()
    {
        using var corpus = new TempFolder();
        var atLimit = "{\"text\":\"" + new string('a', 980) + "\"}";
        var over = "{\"text\":\"" + new string('b', 4990) + "\"}";
        // the BOM and the CRs are not part of a record, as the pipeline measures it
        corpus.Write("feed.jsonl", $"\uFEFF{atLimit}\r\n{over}\n{{\"text\":\"c\"}}\r\n{over}");
        var found = SourceDiscovery.Discover([corpus.Path], "/");

        var sources = found.Enumerate(maxRecordBytes: atLimit.Length).ToList();

        Assert.Equal(4, found.CountDocuments());
        Assert.Collection(sources,
            s => Assert.Equal(atLimit, Assert.IsType<JsonRecordSource>(s).Json),
            s => AssertTooLarge(s, "corpus/feed.jsonl#L2"),
            s => Assert.Equal("{\"text\":\"c\"}", Assert.IsType<JsonRecordSource>(s).Json),
            s => AssertTooLarge(s, "corpus/feed.jsonl#L4"));

        void AssertTooLarge(IngestionSource source, string uri)
        {
            var failed = Assert.IsType<FailedSource>(source);
            Assert.Equal((uri, "too-large"), (failed.SourceUri, failed.ErrorCode));
            Assert.Contains($"{over.Length:N0} bytes are over the {atLimit.Length:N0}-byte limit", failed.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Enumerate_FeedLargerThanTheReadBuffer_SplitsEveryLineExactly()
    {
        using var corpus = new TempFolder();
        // 268 KB of lines of varying length: line ends fall all over the 64 KB reads, and some two-byte characters are split by them
        var lines = Enumerable.Range(0, 400).Select(i => $"{{\"text\":\"{i} {new string('é', i % 97 * 7)}\"}}").ToList();
        corpus.Write("feed.jsonl", string.Join('\n', lines) + "\n");
        var found = SourceDiscovery.Discover([corpus.Path], "/");

        var sources = found.Enumerate().ToList();

        Assert.Equal(lines, sources.Select(s => Assert.IsType<JsonRecordSource>(s).Json));
        Assert.Equal(Enumerable.Range(1, 400).Select(i => $"corpus/feed.jsonl#L{i}"), sources.Select(s => s.SourceUri));
    }

    [Fact]
    public void Discover_WithRoot_FileBelowRootGetsTheIdAFolderScanGives()
    {
        using var corpus = new TempFolder("watched");
        var file = corpus.Write("sub/new.txt", "text");

        var single = SourceDiscovery.Discover([file], "/", root: corpus.Path).Files;
        var scan = SourceDiscovery.Discover([corpus.Path], "/").Files;

        Assert.Equal("watched/sub/new.txt", Assert.Single(single).SourceUri);
        Assert.Equal(Assert.Single(scan).SourceUri, single[0].SourceUri);
    }
}
