using RelationGraph.Core.Paths;

namespace RelationGraph.Core.PathIndexing;

/// <summary>A <see cref="PathFilter"/> compiled to bit masks and scalars, checked on every edge and node the search touches.</summary>
internal readonly struct PathFilterMask
{
    private readonly int _typeMask;
    private readonly int _kindMask;
    private readonly float _minConfidence;
    private readonly int _minDocs;
    private readonly long _fromTicks;
    private readonly long _toTicks;

    private PathFilterMask(int typeMask, int kindMask, float minConfidence, int minDocs, long fromTicks, long toTicks, int maxDegree)
    {
        _typeMask = typeMask;
        _kindMask = kindMask;
        _minConfidence = minConfidence;
        _minDocs = minDocs;
        _fromTicks = fromTicks;
        _toTicks = toTicks;
        MaxDegree = maxDegree;
        FiltersEdges = typeMask != -1 || minConfidence > 0 || minDocs > 1 || fromTicks != long.MinValue || toTicks != long.MaxValue;
        FiltersNodes = kindMask != -1 || maxDegree != int.MaxValue;
    }

    /// <summary>False when every edge passes, so the search can skip reading edge attributes.</summary>
    public bool FiltersEdges { get; }

    /// <summary>False when every intermediate node passes.</summary>
    public bool FiltersNodes { get; }

    /// <summary>Most facts an intermediate node may have.</summary>
    public int MaxDegree { get; }

    public static PathFilterMask Compile(PathFilter filter)
    {
        var typeMask = filter.Types.Count == 0 ? -1 : filter.Types.Aggregate(0, (mask, type) => mask | (1 << (int)type));
        var kindMask = filter.MiddleKinds.Count == 0 ? -1 : filter.MiddleKinds.Aggregate(0, (mask, kind) => mask | (1 << (int)kind));

        // Confidences are stored as float; comparing in float keeps "0.9 >= 0.9" true.
        return new PathFilterMask(
            typeMask,
            kindMask,
            (float)filter.MinConfidence,
            filter.MinDocs,
            filter.ReportedFrom?.UtcTicks ?? long.MinValue,
            filter.ReportedTo?.UtcTicks ?? long.MaxValue,
            filter.MaxDegree ?? int.MaxValue);
    }

    public bool EdgeAllowed(in PathIndex.Edge edge) =>
        ((_typeMask >> edge.Type) & 1) != 0
        && edge.Confidence >= _minConfidence
        && edge.DocCount >= _minDocs
        && edge.FirstReportedTicks >= _fromTicks
        && edge.FirstReportedTicks <= _toTicks;

    public bool KindAllowed(byte kind) => ((_kindMask >> kind) & 1) != 0;
}
