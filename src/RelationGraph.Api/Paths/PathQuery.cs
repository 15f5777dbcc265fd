using System.ComponentModel.DataAnnotations;
using RelationGraph.Core.Paths;

namespace RelationGraph.Api.Paths;

// Public on purpose: .NET 10's AddValidation() silently skips internal types (STYLE.md gotcha 1).

/// <summary>Query string of <c>GET /api/paths</c>.</summary>
public sealed class PathQuery : FilterQuery
{
    /// <summary>Start entity: an id or a name.</summary>
    [Required(AllowEmptyStrings = false)]
    public string? From { get; set; }

    /// <summary>End entity: an id or a name.</summary>
    [Required(AllowEmptyStrings = false)]
    public string? To { get; set; }

    /// <summary>At most this many hops, 1–6.</summary>
    [Range(1, PathRequest.MaxHopsLimit)]
    public int? MaxHops { get; set; }

    /// <summary>At most this many paths, 1–50.</summary>
    [Range(1, PathRequest.MaxResultsLimit)]
    public int? K { get; set; }

    /// <summary><c>shortest</c> (default), <c>k-shortest</c> or <c>all</c>.</summary>
    public string? Mode { get; set; }

    /// <summary>Evidence quotes per hop, 1–20.</summary>
    [Range(1, 20)]
    public int? EvidencePerHop { get; set; }
}

/// <summary>Filters shared by path and neighbour queries.</summary>
public class FilterQuery
{
    /// <summary>Relation types to walk, comma-separated or repeated (e.g. <c>EMPLOYED_BY,LEADS</c>); empty means all.</summary>
    public string[]? Types { get; set; }

    /// <summary>Entity kinds allowed in the middle of a path (e.g. <c>Person,Organisation</c>); empty means all.</summary>
    public string[]? MiddleKinds { get; set; }

    /// <summary>Minimum fact confidence, 0–1.</summary>
    [Range(0.0, 1.0)]
    public double? MinConfidence { get; set; }

    /// <summary>Minimum number of supporting documents.</summary>
    [Range(1, 1_000_000)]
    public int? MinDocs { get; set; }

    /// <summary>Only facts first reported on or after this date (ISO 8601).</summary>
    public string? ReportedFrom { get; set; }

    /// <summary>Only facts first reported on or before this date (ISO 8601).</summary>
    public string? ReportedTo { get; set; }

    /// <summary>Do not walk through entities with more facts than this.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxDegree { get; set; }
}
