using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Paths;

/// <summary>Which paths to look for.</summary>
public enum PathMode
{
    /// <summary>All shortest paths (up to K), shortest length only.</summary>
    Shortest,

    /// <summary>The K shortest simple paths of any length up to MaxHops (Yen).</summary>
    KShortest,

    /// <summary>All simple paths up to MaxHops (capped at K).</summary>
    AllSimple,
}

/// <summary>Filters that act during the search, not after it.</summary>
public sealed record PathFilter
{
    /// <summary>Allowed relation types; empty means all.</summary>
    public IReadOnlySet<RelationType> Types { get; init; } = new HashSet<RelationType>();

    /// <summary>Entity kinds allowed in the middle of a path; empty means all.</summary>
    public IReadOnlySet<EntityKind> MiddleKinds { get; init; } = new HashSet<EntityKind>();

    /// <summary>Minimum fact confidence, 0–1.</summary>
    public double MinConfidence { get; init; }

    /// <summary>Minimum number of documents supporting a fact.</summary>
    public int MinDocs { get; init; } = 1;

    /// <summary>Only facts first reported on or after this time.</summary>
    public DateTimeOffset? ReportedFrom { get; init; }

    /// <summary>Only facts first reported on or before this time.</summary>
    public DateTimeOffset? ReportedTo { get; init; }

    /// <summary>Intermediate entities with more facts than this are not walked through; null is no cap.</summary>
    public int? MaxDegree { get; init; }

    /// <summary>No filtering at all.</summary>
    public static PathFilter None { get; } = new();
}

/// <summary>A path query between two entity ids.</summary>
public sealed record PathRequest
{
    /// <summary>Hard upper bound on hops.</summary>
    public const int MaxHopsLimit = 6;

    /// <summary>Hard upper bound on results.</summary>
    public const int MaxResultsLimit = 50;

    /// <summary>Hops when a query does not say (the API's <c>maxHops</c>, the CLI's <c>--max-hops</c>).</summary>
    public const int DefaultMaxHops = 4;

    /// <summary>Paths when a query does not say (<c>k</c>, <c>--k</c>).</summary>
    public const int DefaultK = 3;

    /// <summary>Evidence quotes per hop when a query does not say (<c>evidencePerHop</c>).</summary>
    public const int DefaultEvidencePerHop = 3;

    /// <summary>Start entity id.</summary>
    public required string FromId { get; init; }

    /// <summary>End entity id.</summary>
    public required string ToId { get; init; }

    /// <summary>Shortest, k-shortest or all simple paths.</summary>
    public PathMode Mode { get; init; } = PathMode.Shortest;

    /// <summary>At most this many hops (1–6).</summary>
    public int MaxHops { get; init; } = DefaultMaxHops;

    /// <summary>At most this many paths (1–50).</summary>
    public int K { get; init; } = DefaultK;

    /// <summary>Filters applied during the search.</summary>
    public PathFilter Filter { get; init; } = PathFilter.None;

    /// <summary>Evidence quotes returned per hop (the best first).</summary>
    public int EvidencePerHop { get; init; } = DefaultEvidencePerHop;

    /// <summary>Time budget for the search; over it the answer says it timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>One hop: the fact walked, its real direction, and the evidence for it.</summary>
/// <param name="Fact">The fact edge with its totals.</param>
/// <param name="From">Entity the walk leaves.</param>
/// <param name="To">Entity the walk reaches.</param>
/// <param name="Forward">True when the fact reads From → To (subject → object); false when walked against it.</param>
/// <param name="Evidence">The best few quotes for the fact.</param>
public sealed record PathHop(FactSummary Fact, string From, string To, bool Forward, IReadOnlyList<EvidenceView> Evidence);

/// <summary>A path: its entities in order and the hop between each pair.</summary>
public sealed record GraphPath(IReadOnlyList<EntitySummary> Nodes, IReadOnlyList<PathHop> Hops)
{
    /// <summary>Number of hops.</summary>
    public int Length => Hops.Count;
}

/// <summary>The answer to a path query.</summary>
/// <param name="Paths">Paths, shortest first, stronger evidence first among equals.</param>
/// <param name="TimedOut">True when the time limit stopped the search; <paramref name="Paths"/> holds what was found.</param>
/// <param name="Elapsed">Time the search took.</param>
public sealed record PathResult(IReadOnlyList<GraphPath> Paths, bool TimedOut, TimeSpan Elapsed);
