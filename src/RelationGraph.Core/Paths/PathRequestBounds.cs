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
        // every query passes here: the checks allocate (box the value, format the message) only when one fails
        if (request.MaxHops is < 1 or > PathRequest.MaxHopsLimit)
        {
            Fail(nameof(request.MaxHops), request.MaxHops, $"MaxHops must be between 1 and {PathRequest.MaxHopsLimit}.");
        }

        if (request.K is < 1 or > PathRequest.MaxResultsLimit)
        {
            Fail(nameof(request.K), request.K, $"K must be between 1 and {PathRequest.MaxResultsLimit}.");
        }

        if (request.EvidencePerHop is < 0 or > MaxEvidencePerHop)
        {
            Fail(nameof(request.EvidencePerHop), request.EvidencePerHop, $"EvidencePerHop must be between 0 and {MaxEvidencePerHop}.");
        }

        if (request.Timeout <= TimeSpan.Zero)
        {
            Fail(nameof(request.Timeout), request.Timeout, "Timeout must be positive.");
        }

        if (!Enum.IsDefined(request.Mode))
        {
            Fail(nameof(request.Mode), request.Mode, "Unknown path mode.");
        }

        ValidateFilter(request.Filter);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a filter value is out of range.</summary>
    public static void ValidateFilter(PathFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.MinConfidence is not (>= 0 and <= 1))
        {
            Fail(nameof(filter.MinConfidence), filter.MinConfidence, "MinConfidence must be between 0 and 1.");
        }

        if (filter.MinDocs < 0)
        {
            Fail(nameof(filter.MinDocs), filter.MinDocs, "MinDocs must not be negative.");
        }

        if (filter.MaxDegree is < 1)
        {
            Fail(nameof(filter.MaxDegree), filter.MaxDegree, "MaxDegree must be at least 1.");
        }

        if (filter.ReportedFrom is { } reportedFrom && filter.ReportedTo is { } reportedTo && reportedFrom > reportedTo)
        {
            Fail(nameof(filter.ReportedFrom), filter.ReportedFrom, "ReportedFrom must not be after ReportedTo.");
        }
    }

    private static void Fail(string name, object? value, string message) => throw new ArgumentOutOfRangeException(name, value, message);
}
