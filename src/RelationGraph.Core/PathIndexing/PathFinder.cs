using RelationGraph.Core.Paths;

namespace RelationGraph.Core.PathIndexing;

/// <summary>
/// Path algorithms over a <see cref="PathIndex"/> held under its read lock: bidirectional BFS for all
/// shortest paths, Yen's k shortest simple paths, and bounded DFS for all simple paths. Filters act on
/// every edge and intermediate node while expanding, never afterwards.
/// </summary>
internal sealed partial class PathFinder
{
    private const int MinEnumerationCap = 16;
    private const int EnumerationCapPerResult = 4;
    private const int MinMeetingScan = 128;

    private readonly PathIndex _index;
    private readonly PathFilterMask _filter;
    private readonly SearchBudget _budget;
    private readonly SearchScratch _scratch;
    private readonly List<(int Forward, int Backward, int Edge)> _meetings = [];
    private readonly PathRanking _ranking;

    private const int ForwardSide = 0;
    private const int BackwardSide = 1;

    private int _searchBase;
    private int _backwardStamp;
    private int _blockStamp;
    private int _meetingCap;
    private long _edgesScanned;
    private HashSet<int>? _blockedEdges;

    public PathFinder(PathIndex index, PathFilterMask filter, SearchBudget budget, SearchScratch scratch)
    {
        _index = index;
        _filter = filter;
        _budget = budget;
        _scratch = scratch;
        _ranking = new PathRanking(index);
    }

    public (IReadOnlyList<IndexPath> Paths, bool TimedOut) Find(int from, int to, PathMode mode, int maxHops, int k)
    {
        var found = new List<IndexPath>();
        try
        {
            _budget.CheckNow();
            switch (mode)
            {
                case PathMode.Shortest:
                    found.AddRange(AllShortest(from, to, maxHops, k));
                    break;
                case PathMode.KShortest:
                    KShortest(from, to, maxHops, k, found);
                    break;
                case PathMode.AllSimple:
                    AllSimple(from, to, maxHops, k, found);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown path mode.");
            }

            return (found, false);
        }
        catch (SearchTimedOutException)
        {
            found.Sort(_ranking);
            return (found, true);
        }
    }

    private static int EnumerationCap(int k) => Math.Max(MinEnumerationCap, k * EnumerationCapPerResult);

    // An edge the search could have walked: the enumeration re-checks what Expand checked before marking the far node.
    private bool LinkAllowed(int edge) => !(_filter.FiltersEdges || _blockedEdges is { Count: > 0 }) || EdgeAllowed(edge);

    private bool EdgeAllowed(int edge)
    {
        if (_blockedEdges is { Count: > 0 } blockedEdges && blockedEdges.Contains(edge))
        {
            return false;
        }

        return !_filter.FiltersEdges || _filter.EdgeAllowed(in _index.EdgeAt(edge));
    }

    private bool IntermediateAllowed(int node) =>
        !_filter.FiltersNodes
        || (_filter.KindAllowed(_index.KindOf(node)) && (_filter.MaxDegree == int.MaxValue || _index.Neighbours(node).Length <= _filter.MaxDegree));
}
