using System.Globalization;
using System.Text;
using Microsoft.Extensions.FileSystemGlobbing;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// Expands the paths given to a job (files, folders searched recursively, globs such as <c>docs/**/*.md</c>)
/// into sources. A source's id is its path relative to the ingest root, prefixed with the root folder's name
/// (<c>seeds/a.txt</c>), so the same file gets the same document id whichever way it is named and from
/// whichever working directory.
/// </summary>
public sealed class SourceDiscovery
{
    /// <summary>Extensions read as documents; <c>.jsonl</c> files hold one document per line.</summary>
    public static IReadOnlySet<string> SupportedExtensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl" };

    private readonly List<(string FullPath, string SourceUri)> _files = [];
    private readonly List<string> _ignored = [];
    private readonly List<string> _missing = [];
    private readonly List<string> _skippedLinks = [];
    private string? _root;

    private SourceDiscovery()
    {
    }

    /// <summary>Files found, with their source ids, in a stable order.</summary>
    public IReadOnlyList<(string FullPath, string SourceUri)> Files => _files;

    /// <summary>Files in folders or globs skipped for an unsupported extension.</summary>
    public IReadOnlyList<string> Ignored => _ignored;

    /// <summary>Paths given that name nothing (no such file or folder, a glob that matches nothing).</summary>
    public IReadOnlyList<string> Missing => _missing;

    /// <summary>
    /// Links to folders not followed (see <see cref="LinkSafeDirectory"/>): to nothing, back up the tree, into the folder
    /// being scanned, or to a folder the walk already entered.
    /// </summary>
    public IReadOnlyList<string> SkippedLinks => _skippedLinks;

    /// <summary>Finds the files behind <paramref name="paths"/>, relative to <paramref name="workingDirectory"/>.</summary>
    /// <param name="paths">Files, folders or globs.</param>
    /// <param name="workingDirectory">What relative paths are relative to.</param>
    /// <param name="root">
    /// When set, every source id is relative to this folder (a watched folder, whose files arrive one by one);
    /// otherwise each path is its own root: a folder, a glob's fixed prefix, or a file's folder.
    /// </param>
    public static SourceDiscovery Discover(IEnumerable<string> paths, string workingDirectory, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var enumerator = new SourceDiscovery { _root = root is null ? null : Path.GetFullPath(root, workingDirectory) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            enumerator.Add(path, workingDirectory, seen);
        }

        return enumerator;
    }

    /// <summary>
    /// Documents expected: one per file, one per non-blank line of each <c>.jsonl</c> file
    /// (counted by streaming, so it stays cheap on big feeds).
    /// </summary>
    public int CountDocuments()
    {
        var count = 0;
        foreach (var (fullPath, _) in _files)
        {
            count += IsFeed(fullPath) ? CountFeedLines(fullPath) : 1;
        }

        return count;
    }

    /// <summary>The sources, streamed: feeds are read line by line as the pipeline asks for more.</summary>
    /// <param name="maxRecordBytes">
    /// A feed line longer than this fails as <c>too-large</c> without being held in memory (give the job's
    /// <see cref="IngestionOptions.MaxDocumentBytes"/>): a feed of one endless line must not exhaust memory.
    /// </param>
    public IEnumerable<IngestionSource> Enumerate(long maxRecordBytes = IngestionOptions.DefaultMaxDocumentBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordBytes, 1);
        foreach (var (fullPath, sourceUri) in _files)
        {
            if (!IsFeed(fullPath))
            {
                yield return new FileSource(sourceUri, fullPath);
                continue;
            }

            foreach (var source in ReadFeed(fullPath, sourceUri, maxRecordBytes))
            {
                yield return source;
            }
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Lines are split as bytes and decoded one by one, so a line of invalid UTF-8 fails alone and the
    // feed goes on; the file is streamed, never loaded whole.
    private static IEnumerable<IngestionSource> ReadFeed(string fullPath, string feedUri, long maxRecordBytes)
    {
        if (FileProbe.NotRegularFile(fullPath) is { } kind)
        {
            yield return new FailedSource(feedUri, DocumentErrorCodes.NotARegularFile, NotRegularFileError(kind));
            yield break;
        }

        var (stream, openError) = OpenFeed(fullPath);
        if (stream is null)
        {
            yield return new FailedSource(feedUri, DocumentErrorCodes.Unreadable, "cannot open the feed: " + openError);
            yield break;
        }

        using (stream)
        {
            var buffer = new byte[1 << 16];
            var line = new MemoryStream();
            long lineBytes = 0; // of the current line so far; past the limit they are counted, no longer kept
            var lineNumber = 0;
            while (true)
            {
                var (read, readError) = Read(stream, buffer);
                if (readError is not null)
                {
                    yield return new FailedSource($"{feedUri}#L{lineNumber + 1}", DocumentErrorCodes.Unreadable, "reading the feed failed: " + readError);
                    yield break;
                }

                if (read == 0)
                {
                    if (lineBytes > 0)
                    {
                        lineNumber++;
                        if (LineSource(line, lineBytes, maxRecordBytes, feedUri, lineNumber) is { } last)
                        {
                            yield return last;
                        }
                    }

                    yield break;
                }

                for (var offset = 0; offset < read;)
                {
                    var newline = buffer.AsSpan(offset, read - offset).IndexOf((byte)'\n');
                    var length = newline < 0 ? read - offset : newline;
                    if (lineBytes + length <= maxRecordBytes + LineEndSlack)
                    {
                        line.Write(buffer, offset, length);
                    }

                    lineBytes += length;
                    if (newline < 0)
                    {
                        break;
                    }

                    offset += length + 1;
                    lineNumber++;
                    var source = LineSource(line, lineBytes, maxRecordBytes, feedUri, lineNumber);
                    line.SetLength(0);
                    lineBytes = 0;
                    if (source is not null)
                    {
                        yield return source;
                    }
                }
            }
        }
    }

    // Bytes a kept line may hold beyond the limit: a BOM (line 1) and a CR, which are not part of the record.
    private const int LineEndSlack = 4;

    // A whole line: decoded when its record (without BOM and CR) is within the limit, as the pipeline measures it; null when blank.
    private static IngestionSource? LineSource(MemoryStream line, long lineBytes, long maxRecordBytes, string feedUri, int lineNumber)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (lineNumber == 1 && bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        var recordBytes = lineBytes > maxRecordBytes + LineEndSlack ? lineBytes : bytes.TrimEnd((byte)'\r').Length;
        if (recordBytes > maxRecordBytes)
        {
            return new FailedSource($"{feedUri}#L{lineNumber}", DocumentErrorCodes.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"the line's {recordBytes:N0} bytes are over the {maxRecordBytes:N0}-byte limit (Ingestion:MaxDocumentBytes)"));
        }

        return DecodeLine(bytes, feedUri, lineNumber);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static IngestionSource? DecodeLine(ReadOnlySpan<byte> bytes, string feedUri, int lineNumber)
    {
        var key = $"{feedUri}#L{lineNumber}";
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            return new FailedSource(key, DocumentErrorCodes.InvalidUtf8, "the line is not UTF-8 text: " + ex.Message);
        }

        return string.IsNullOrWhiteSpace(text) ? null : new JsonRecordSource(key, feedUri, $"line {lineNumber}", text.TrimEnd('\r'));
    }

    private static (Stream? Stream, string? Error) OpenFeed(string fullPath)
    {
        try
        {
            return (new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ex.Message);
        }
    }

    private static (int Read, string? Error) Read(Stream stream, byte[] buffer)
    {
        try
        {
            return (stream.Read(buffer), null);
        }
        catch (IOException ex)
        {
            return (0, ex.Message);
        }
    }

    // Counts as bytes, never holding a line: a feed of one endless line must not exhaust memory before the job starts.
    private static int CountFeedLines(string fullPath)
    {
        if (FileProbe.NotRegularFile(fullPath) is not null)
        {
            return 1; // reported as one failed source when read
        }

        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var buffer = new byte[1 << 16];
            var count = 0;
            var lineHasText = false;
            int read;
            var first = true;
            while ((read = stream.Read(buffer)) > 0)
            {
                // a BOM starts no document
                var start = first && buffer.AsSpan(0, read).StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
                first = false;
                foreach (var b in buffer.AsSpan(start, read - start))
                {
                    if (b == '\n')
                    {
                        count += lineHasText ? 1 : 0;
                        lineHasText = false;
                    }
                    else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\v' or (byte)'\f'))
                    {
                        lineHasText = true;
                    }
                }
            }

            return count + (lineHasText ? 1 : 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 1;
        }
    }

    /// <summary>Why a named pipe, a device or a socket is not read: opening a pipe waits for a writer, a device may never end.</summary>
    internal static string NotRegularFileError(string kind) => $"{kind}, not a regular file: not read (reading it could wait forever)";

    private static bool IsFeed(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    private void Add(string path, string workingDirectory, HashSet<string> seen)
    {
        var full = Path.GetFullPath(path, workingDirectory);
        if (File.Exists(full))
        {
            // a file named explicitly is taken whatever its extension: the reader will say if it cannot read it
            AddFile(full, Path.GetDirectoryName(full)!, seen, explicitFile: true);
        }
        else if (Directory.Exists(full))
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude("**/*");
            AddMatches(matcher, full, seen, path);
        }
        else if (path.IndexOfAny(['*', '?', '[']) >= 0)
        {
            var (root, pattern) = SplitGlob(full);
            if (!Directory.Exists(root))
            {
                _missing.Add(path);
                return;
            }

            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(pattern);
            AddMatches(matcher, root, seen, path);
        }
        else
        {
            _missing.Add(path);
        }
    }

    private void AddMatches(Matcher matcher, string root, HashSet<string> seen, string given)
    {
        var found = false;
        var matches = matcher.Execute(LinkSafeDirectory.Root(root, _root, _skippedLinks)).Files.Select(match => Path.GetFullPath(match.Path, root));
        foreach (var file in matches.Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            {
                continue; // hidden files and folders (.git, .DS_Store) are never documents
            }

            found = true;
            AddFile(file, root, seen, explicitFile: false);
        }

        if (!found && given.IndexOfAny(['*', '?', '[']) >= 0)
        {
            _missing.Add(given);
        }
    }

    private void AddFile(string fullPath, string root, HashSet<string> seen, bool explicitFile)
    {
        if (!explicitFile && !SupportedExtensions.Contains(Path.GetExtension(fullPath)))
        {
            _ignored.Add(fullPath);
            return;
        }

        if (!seen.Add(fullPath))
        {
            return;
        }

        _files.Add((fullPath, SourceUriOf(fullPath, _root ?? root)));
    }

    /// <summary>
    /// The source a job started from <paramref name="root"/> gives <paramref name="fullPath"/>: the root folder's own name,
    /// then the path below it, with forward slashes. Commands that remove documents by path derive ids with it too.
    /// </summary>
    public static string SourceUriOf(string fullPath, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        var rootName = Path.GetFileName(trimmedRoot);
        var relative = Path.GetRelativePath(trimmedRoot, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        return string.IsNullOrEmpty(rootName) ? relative : rootName + "/" + relative;
    }

    /// <summary>Splits <c>/a/b/**/*.md</c> into the folder before the first wildcard and the pattern after it.</summary>
    private static (string Root, string Pattern) SplitGlob(string fullPattern)
    {
        var parts = fullPattern.Split(Path.DirectorySeparatorChar);
        var firstWild = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?', '[']) >= 0);
        var root = string.Join(Path.DirectorySeparatorChar, parts[..firstWild]);
        if (root.Length == 0)
        {
            root = Path.DirectorySeparatorChar.ToString();
        }

        return (root, string.Join('/', parts[firstWild..]));
    }
}

/// <summary>A source that failed before it could become a document (e.g. an unreadable feed).</summary>
/// <param name="SourceUri">The source.</param>
/// <param name="ErrorCode">Failure code.</param>
/// <param name="Error">Readable reason.</param>
public sealed record FailedSource(string SourceUri, string ErrorCode, string Error) : IngestionSource(SourceUri);
