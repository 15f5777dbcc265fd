using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// A folder as the glob matcher walks it, following a link to a folder only where it adds new files: never to a
/// folder inside one already walked or above it. A link back to the folder being scanned (<c>loop -&gt; ..</c>) would
/// otherwise be walked 40 times over, until the system says "too many levels of links", and every file under it
/// ingested again under a new name each time; a second link to one folder would ingest its files twice.
/// </summary>
/// <remarks>Entries are walked in ordinal order, so which link to a folder is followed does not depend on the file system.</remarks>
internal sealed class LinkSafeDirectory : DirectoryInfoBase
{
    private readonly DirectoryInfo _directory;
    private readonly Walk _walk;
    private readonly DirectoryInfoBase? _parent;

    private LinkSafeDirectory(DirectoryInfo directory, Walk walk, DirectoryInfoBase? parent)
    {
        _directory = directory;
        _walk = walk;
        _parent = parent;
    }

    /// <summary>
    /// The root of a walk of <paramref name="path"/>, inside <paramref name="watched"/> when set (a watched folder, walked
    /// a part at a time: a link into another part of it is not followed either); <paramref name="skippedLinks"/> collects
    /// the links it does not follow.
    /// </summary>
    public static LinkSafeDirectory Root(string path, string? watched, List<string> skippedLinks)
    {
        var walk = new Walk(skippedLinks);
        foreach (var folder in watched is null ? [path] : new[] { path, watched })
        {
            walk.Walked.Add(FileProbe.RealPath(folder) ?? Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        }

        return new LinkSafeDirectory(new DirectoryInfo(path), walk, null);
    }

    public override string Name => _directory.Name;

    public override string FullName => _directory.FullName;

    public override DirectoryInfoBase? ParentDirectory =>
        _parent ?? (_directory.Parent is { } parent ? new LinkSafeDirectory(parent, _walk, null) : null);

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
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
                continue; // hidden files and folders are never documents (SourceEnumerator): a .git folder is not walked at all
            }

            if (entry is DirectoryInfo folder)
            {
                if (folder.LinkTarget is null || _walk.AdmitLink(folder))
                {
                    result.Add(new LinkSafeDirectory(folder, _walk, this));
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
        return folder.Exists && (folder.LinkTarget is null || _walk.AdmitLink(folder)) ? new LinkSafeDirectory(folder, _walk, this) : null;
    }

    public override FileInfoBase GetFile(string path) => new FileInfoWrapper(new FileInfo(Path.Combine(_directory.FullName, path)));

    /// <summary>The real folders one walk has entered through its root and the links it followed.</summary>
    private sealed class Walk(List<string> skippedLinks)
    {
        public List<string> Walked { get; } = [];

        public bool AdmitLink(DirectoryInfo link)
        {
            var target = FileProbe.RealPath(link.FullName);
            if (target is null || Walked.Any(walked => IsAtOrBelow(target, walked) || IsAtOrBelow(walked, target)))
            {
                skippedLinks.Add(link.FullName);
                return false;
            }

            Walked.Add(target);
            return true;
        }

        private static bool IsAtOrBelow(string path, string folder) =>
            path == folder || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
