using RelationGraph.Core.Paths;

namespace RelationGraph.Core.PathIndexing;

/// <summary>
/// Search buffers sized to the node count (about 34 MB at a million entities), lent by a <see cref="SearchScratchPool"/>.
/// Marks are stamps rather than booleans, so a new search takes a fresh stamp instead of clearing a million-entry array.
/// </summary>
internal sealed class SearchScratch
{
    // both sides' levels, so a search's base plus a backward mark never reaches the next search's base
    private const int LevelsPerSearch = 2 * BackwardMarks;

    private int _stamp;
    private int _searchBase;

    private SearchScratch(int capacity)
    {
        Seen = new int[SeenStride * capacity];
        StampBackward = new int[capacity];
        Backward = new NodeMark[capacity];
        Blocked = new int[capacity];
        OnPath = new int[capacity];
    }

    /// <summary>Ints per node in <see cref="Seen"/>.</summary>
    public const int SeenStride = 2;

    /// <summary>Where a node's parent edge is in its <see cref="Seen"/> entry: <c>[2n + ParentSlot]</c>.</summary>
    public const int ParentSlot = 1;

    /// <summary>
    /// Added to a backward mark, so one int tells which side reached a node and at what distance; more than
    /// <see cref="PathRequest.MaxHopsLimit"/>, so forward marks (base + 0..6) stay below backward ones.
    /// </summary>
    public const int BackwardMarks = 8;

    /// <summary>A parent edge value: more than one link from the level before; scan the adjacency for them.</summary>
    public const int SeveralParents = -1;

    /// <summary>
    /// Bidirectional search state, two ints per node. <c>[2n]</c> is the node's mark: the search's base plus its
    /// hop distance from the source, or the base plus <see cref="BackwardMarks"/> plus its distance from the
    /// target. One mark serves both sides because a search reaches a node from one side only (reaching a node
    /// the other side holds is a meeting, not a mark), so each scanned edge reads one int, like a plain BFS.
    /// <c>[2n + 1]</c>, valid while the mark is the search's, is the edge the node was reached by when that is its
    /// only link from the level before, else <see cref="SeveralParents"/>: most nodes on a shortest path have one
    /// such link, so the enumeration follows it instead of scanning the node's adjacency (a hub's thousands of
    /// entries) for neighbours one level nearer. It shares the mark's cache line, so writing it costs no miss
    /// (an array of its own would write one more cache line per reached node, and a four-int entry with a mark and
    /// a parent per side would double the memory the scans touch).
    /// </summary>
    public int[] Seen { get; }

    /// <summary>Which distance search (<c>DistancesTo</c>) saw each node.</summary>
    public int[] StampBackward { get; }

    /// <summary>Hop distances of the distance search.</summary>
    public NodeMark[] Backward { get; }

    public int[] Blocked { get; }

    public int[] OnPath { get; }

    public List<int> FrontierForward { get; } = [];

    public List<int> FrontierBackward { get; } = [];

    public List<int> Next { get; } = [];

    /// <summary>Nodes the buffers have room for.</summary>
    public int Capacity => Blocked.Length;

    /// <summary>New buffers for <paramref name="nodeCount"/> nodes, with headroom so nodes added by ingestion do not reallocate every search.</summary>
    public static SearchScratch Create(int nodeCount) => new(Math.Max(1024, nodeCount + (nodeCount / 8)));

    public int NextStamp()
    {
        if (_stamp == int.MaxValue)
        {
            Array.Clear(StampBackward);
            Array.Clear(Blocked);
            Array.Clear(OnPath);
            _stamp = 0;
        }

        return ++_stamp;
    }

    /// <summary>A fresh base for <see cref="Seen"/>: every value at or above it belongs to the new search.</summary>
    public int NextSearchBase()
    {
        if (_searchBase > int.MaxValue - (2 * LevelsPerSearch))
        {
            Array.Clear(Seen);
            _searchBase = 0;
        }

        _searchBase += LevelsPerSearch;
        return _searchBase;
    }
}

/// <summary>
/// Lends <see cref="SearchScratch"/> buffers to searches, at most <c>size</c> at a time: a search waits for one rather
/// than allocating its own. The searches are short and CPU-bound, so more of them at once than there are cores gains
/// nothing, while buffers kept per thread would cost 34 MB at a million entities for every thread that ever
/// searched: the API's memory would grow with its thread count.
/// </summary>
internal sealed class SearchScratchPool(int size) : IDisposable
{
    private readonly SemaphoreSlim _available = new(size, size);
    private readonly Stack<SearchScratch> _idle = new();
    private int _created;

    /// <summary>Buffers created so far (replacements for outgrown ones included), for tests.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>
    /// Waits for a free buffer set with room for <paramref name="nodeCount"/> nodes; give it back with <see cref="Return"/>.
    /// The wait is not cancellable: it lasts until another search ends, and every search is bounded by its time limit,
    /// so a cancelled request still gets its "timed out" answer from the search itself.
    /// </summary>
    public SearchScratch Rent(int nodeCount)
    {
        _available.Wait();
        SearchScratch? scratch;
        lock (_idle)
        {
            _idle.TryPop(out scratch);
        }

        if (scratch is null || scratch.Capacity < nodeCount)
        {
            Interlocked.Increment(ref _created);
            scratch = SearchScratch.Create(nodeCount);
        }

        return scratch;
    }

    public void Return(SearchScratch scratch)
    {
        lock (_idle)
        {
            _idle.Push(scratch);
        }

        _available.Release();
    }

    public void Dispose() => _available.Dispose();
}

/// <summary>A node's state in the distance search, valid while its stamp is the search's: hop distance.</summary>
internal struct NodeMark
{
    public int Dist;
}
