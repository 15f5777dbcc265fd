using System.ComponentModel.DataAnnotations;

namespace RelationGraph.Storage.Sqlite;

/// <summary>Where the embedded store keeps its database, bound from <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Storage:Sqlite";

    /// <summary>Database file, relative to the working directory; its folder is created. Default <c>data/relationgraph.db</c>.</summary>
    public string Path { get; set; } = "data/relationgraph.db";

    /// <summary>A full connection string that overrides <see cref="Path"/>, e.g. <c>Data Source=file:x?mode=memory&amp;cache=shared</c> for tests.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a statement waits for a lock before SQLITE_BUSY, in milliseconds. Default 5000.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>How many times a document or a read is retried after SQLITE_BUSY or SQLITE_LOCKED. Default 6.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>Entity summaries path answers keep in memory (0 turns this cache off). Default 50 000 (≈ 0.3 kB each).</summary>
    [Range(0, 10_000_000)]
    public int CachedEntities { get; set; } = 50_000;

    /// <summary>
    /// Facts whose totals and best evidence path answers keep in memory (0 turns this cache off). Default 20 000
    /// (≈ 3 kB each with 3 quotes, so ≈ 60 MB full: at 1M entities the process stays under 1 GB).
    /// </summary>
    [Range(0, 10_000_000)]
    public int CachedFacts { get; set; } = 20_000;

    /// <summary>
    /// Titles and sources of quoted documents path answers keep in memory (0 turns this cache off). Default 50 000
    /// (≈ 0.2 kB each).
    /// </summary>
    [Range(0, 10_000_000)]
    public int CachedDocuments { get; set; } = 50_000;

    /// <summary>Evidence quotes cached per fact: requests for up to this many per hop are served from memory. Default 3, the API's default.</summary>
    [Range(0, 20)]
    public int CachedEvidencePerFact { get; set; } = 3;

    /// <summary>
    /// Read connections the store keeps open, each with its statements compiled; reads beyond this many wait for one.
    /// Default: the processor count, at least 4 (reads are short and mostly CPU: more connections than cores add
    /// memory, not speed).
    /// </summary>
    [Range(1, 256)]
    public int ReadConnections { get; set; } = Math.Max(4, Environment.ProcessorCount);

    /// <summary>
    /// SQLite page cache per read connection, in KiB (<c>cache_size</c>); with <see cref="ReadConnections"/> it bounds
    /// the native memory reads hold. Default 8192 (8 MB).
    /// </summary>
    [Range(64, 4_194_304)]
    public int ReadCacheKilobytes { get; set; } = 8192;

    /// <summary>
    /// Bytes of the database file read connections map into memory (SQLite <c>mmap_size</c>) instead of copying pages
    /// with read calls; 0 turns mapping off. Mapped pages are the OS file cache, shared and reclaimable, but count in RSS,
    /// once per read connection (each maps the file itself).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long ReadMmapBytes { get; set; }

    /// <summary>
    /// Pages (4 kB) the writer appends to the write-ahead log before a background checkpoint copies them back into the
    /// database file. Default 16 384 (64 MB): a page rewritten by many batches is copied back once, and the log file
    /// stays near this size. The copying runs on its own connection, never on the writer's thread.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int WalCheckpointPages { get; set; } = 16_384;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult("Set Storage:Sqlite:Path or Storage:Sqlite:ConnectionString.", [nameof(Path), nameof(ConnectionString)]);
        }
    }
}
