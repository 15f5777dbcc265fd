namespace RelationGraph.Core.Ingestion;

/// <summary>A snapshot of a running job, for progress displays.</summary>
/// <param name="Done">Documents settled (any outcome).</param>
/// <param name="Total">Documents expected, when known.</param>
/// <param name="Failed">Documents failed so far.</param>
/// <param name="Elapsed">Time since the job started.</param>
/// <param name="Bytes">Input bytes of the settled documents' text, for MB/s.</param>
/// <param name="BuildingIndexes">Every document is written and the store builds the indexes a bulk load deferred.</param>
public sealed record IngestionProgress(int Done, int? Total, int Failed, TimeSpan Elapsed, long Bytes, bool BuildingIndexes = false)
{
    /// <summary>Documents per second so far.</summary>
    public double DocumentsPerSecond => Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left at the current rate, when the total is known.</summary>
    public TimeSpan? Remaining => Total is { } total && DocumentsPerSecond > 0 && total >= Done
        ? TimeSpan.FromSeconds((total - Done) / DocumentsPerSecond)
        : null;
}
