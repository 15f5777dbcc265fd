namespace RelationGraph.Core.Paths;

/// <summary>Checks a <see cref="PathRequest"/> against the hard bounds before any search runs.</summary>
public static class PathRequestBounds
{
    /// <summary>Most evidence quotes a hop may carry.</summary>
    public const int MaxEvidencePerHop = 20;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when the request is over a bound.</summary>
    public static void Validate(PathRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FromId, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ToId, nameof(request));
        Check(request.MaxHops >= 1 && request.MaxHops <= PathRequest.MaxHopsLimit, nameof(request.MaxHops), request.MaxHops,
            $"MaxHops must be between 1 and {PathRequest.MaxHopsLimit}.");
        Check(request.K >= 1 && request.K <= PathRequest.MaxResultsLimit, nameof(request.K), request.K,
            $"K must be between 1 and {PathRequest.MaxResultsLimit}.");
        Check(request.EvidencePerHop >= 0 && request.EvidencePerHop <= MaxEvidencePerHop, nameof(request.EvidencePerHop), request.EvidencePerHop,
            $"EvidencePerHop must be between 0 and {MaxEvidencePerHop}.");
        Check(request.Timeout > TimeSpan.Zero, nameof(request.Timeout), request.Timeout, "Timeout must be positive.");
        Check(Enum.IsDefined(request.Mode), nameof(request.Mode), request.Mode, "Unknown path mode.");
        ValidateFilter(request.Filter);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a filter value is out of range.</summary>
    public static void ValidateFilter(PathFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Check(filter.MinConfidence is >= 0 and <= 1, nameof(filter.MinConfidence), filter.MinConfidence, "MinConfidence must be between 0 and 1.");
        Check(filter.MinDocs >= 0, nameof(filter.MinDocs), filter.MinDocs, "MinDocs must not be negative.");
        Check(filter.MaxDegree is null or >= 1, nameof(filter.MaxDegree), filter.MaxDegree, "MaxDegree must be at least 1.");
        Check(filter.ReportedFrom is null || filter.ReportedTo is null || filter.ReportedFrom <= filter.ReportedTo,
            nameof(filter.ReportedFrom), filter.ReportedFrom, "ReportedFrom must not be after ReportedTo.");
    }

    private static void Check(bool ok, string name, object? value, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, message);
        }
    }
}
