using System.ComponentModel.DataAnnotations;

namespace RelationGraph.Core.Ingestion;

/// <summary>Limits and tuning of the ingestion pipeline; configuration section <c>Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ingestion";

    /// <summary>The default of <see cref="MaxDocumentBytes"/>: 20 MB.</summary>
    public const long DefaultMaxDocumentBytes = 20L * 1024 * 1024;

    /// <summary>Documents larger than this (bytes of the file or feed line) fail with <c>too-large</c>. Default 20 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>Documents handed to the store per <c>ApplyAsync</c> call (one transaction). Default 512: each commit rewrites every index page it touched, so larger batches write far less. A job's first batches are smaller (32, doubling up to this), and a slow feed still flushes after <see cref="FlushInterval"/>.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 512;

    /// <summary>
    /// Parallel read-and-extract workers; 0 means one per core but one (at least one). A batch job's single store
    /// writer is its bottleneck, and with a worker on every core it would share its core with extraction: leaving it a
    /// core of its own makes the job faster.
    /// </summary>
    [Range(0, 1024)]
    public int MaxParallelism { get; set; }

    /// <summary>
    /// A job of at least this many documents into an empty store that can bulk load (<see cref="Storage.IBulkLoadStore"/>,
    /// the embedded SQLite store) runs as a bulk load: indexes are built once at its end instead of row by row, so each
    /// index page is written once instead of by every commit that touches it. 0 turns bulk loads off. Default 200.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int BulkLoadMinDocuments { get; set; } = 200;

    /// <summary>How long the writer waits for more documents before writing a partial batch.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Folder the API ingests when its store is empty at start, relative to the content root. Default <c>seeds</c>.</summary>
    public string SeedFolder { get; set; } = "seeds";

    /// <summary>The worker count actually used.</summary>
    public int EffectiveParallelism => MaxParallelism > 0 ? MaxParallelism : Math.Max(1, Environment.ProcessorCount - 1);
}
