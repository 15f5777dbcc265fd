using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// A folder as the glob matcher walks it, entering every real folder at most once. A link to a folder is followed unless
/// it leads to nothing, into the folder being scanned (its files are taken under their own paths), up to a folder above
/// it (a loop: <c>loop -&gt; ..</c> was walked 40 times over, until the system said "too many levels of links", every file
/// under it ingested again each time), or to a folder this walk already entered. A folder reached again through a link
/// to one of its ancestors is skipped, the rest of that ancestor is walked.
/// </summary>
/// <remarks>
/// Entries are listed in ordinal order, and a link is judged only when the matcher enters it (a glob that never goes
/// there neither follows nor reports it), so which of two links to one folder is followed does not depend on the file system.
/// </remarks>
internal sealed class LinkSafeDirectory : DirectoryInfoBase
{
    private readonly DirectoryInfo _directory;
    private readonly Walk _walk;
    private readonly DirectoryInfoBase? _parent;

    // where this folder really is; null until a link is entered and judged, empty when it is not followed
    private string? _realPath;

    private LinkSafeDirectory(DirectoryInfo directory, Walk walk, DirectoryInfoBase? parent, string? realPath)
    {
        _directory = directory;
        _walk = walk;
        _parent = parent;
        _realPath = realPath;
    }

    /// <summary>
    /// The root of a walk of <paramref name="path"/>; <paramref name="skippedLinks"/> collects the links it does not follow.
    /// </summary>
    /// <param name="path">The folder to walk.</param>
    /// <param name="watched">
    /// A watched folder that <paramref name="path"/> is part of, walked a part at a time after file events: such a pass
    /// follows no link at all (nor a path that goes through one), since only a walk of the whole folder can tell which of
    /// two links into one place it takes. The watch's periodic full rescan follows them.
    /// </param>
    /// <param name="skippedLinks">Links not followed (a part-time pass does not report the links it leaves to the rescan).</param>
    public static LinkSafeDirectory Root(string path, string? watched, List<string> skippedLinks)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var real = FileProbe.RealPath(full) ?? full;
        var partial = watched is not null && full != Path.TrimEndingDirectorySeparator(Path.GetFullPath(watched));
        var walk = new Walk(real, partial ? null : skippedLinks, followLinks: !partial);
        if (partial && FileProbe.RealPath(watched!) is { } watchedReal && real != Path.Join(watchedReal, Path.GetRelativePath(watched!, full)))
        {
            walk.Excluded = true; // the part is reached through a link: left to the rescan
        }

        walk.Visited.Add(real);
        return new LinkSafeDirectory(new DirectoryInfo(full), walk, null, real);
    }

    public override string Name => _directory.Name;

    public override string FullName => _directory.FullName;

    public override DirectoryInfoBase? ParentDirectory =>
        _parent ?? (_directory.Parent is { } parent ? new LinkSafeDirectory(parent, _walk, null, null) : null);

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        if (_walk.Excluded || (_realPath is null && !Enter()) || _realPath!.Length == 0)
        {
            return [];
        }

        FileSystemInfo[] entries;
        try
        {
            entries = _directory.GetFileSystemInfos();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return []; // as the matcher's own walk does: an unreadable folder has no files
        }

        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var result = new List<FileSystemInfoBase>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith('.'))
            {
                continue; // hidden files and folders are never documents (SourceDiscovery): a .git folder is not walked at all
            }

            if (entry is DirectoryInfo folder)
            {
                if (Child(folder) is { } child)
                {
                    result.Add(child);
                }
            }
            else if (entry is FileInfo file)
            {
                result.Add(new FileInfoWrapper(file));
            }
        }

        return result;
    }

    public override DirectoryInfoBase? GetDirectory(string path)
    {
        if (path == "..")
        {
            return ParentDirectory;
        }

        var folder = new DirectoryInfo(Path.Combine(_directory.FullName, path));
        return folder.Exists && !path.Contains(Path.DirectorySeparatorChar) && !path.Contains(Path.AltDirectorySeparatorChar)
            ? Child(folder)
            : null;
    }

    public override FileInfoBase GetFile(string path) => new FileInfoWrapper(new FileInfo(Path.Combine(_directory.FullName, path)));

    // A real folder below one whose real path is known has its own without a system call; a link is judged when entered.
    private LinkSafeDirectory? Child(DirectoryInfo folder)
    {
        if (_realPath is { Length: 0 })
        {
            return null; // below a link not followed
        }

        if (folder.LinkTarget is not null)
        {
            return _walk.FollowLinks ? new LinkSafeDirectory(folder, _walk, this, null) : null;
        }

        if (_realPath is null)
        {
            return new LinkSafeDirectory(folder, _walk, this, null); // below a link not yet entered
        }

        var real = Path.Join(_realPath, folder.Name);
        return _walk.Visited.Add(real) ? new LinkSafeDirectory(folder, _walk, this, real) : null;
    }

    // Entering a link (or a folder below one reached through GetDirectory before it was listed): follow it or not.
    private bool Enter()
    {
        var real = FileProbe.RealPath(_directory.FullName);
        if (real is null || IsAtOrBelow(real, _walk.Root) || IsAtOrBelow(_walk.Root, real) || !_walk.Visited.Add(real))
        {
            _walk.Skipped?.Add(_directory.FullName);
            _realPath = string.Empty; // judged: not followed
            return false;
        }

        _realPath = real;
        return true;
    }

    private static bool IsAtOrBelow(string path, string folder) =>
        path == folder || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>One walk: its root's real path and every real folder it has entered.</summary>
    private sealed class Walk(string root, List<string>? skipped, bool followLinks)
    {
        public string Root { get; } = root;

        public List<string>? Skipped { get; } = skipped;

        public bool FollowLinks { get; } = followLinks;

        public HashSet<string> Visited { get; } = new(StringComparer.Ordinal);

        public bool Excluded { get; set; }
    }
}
