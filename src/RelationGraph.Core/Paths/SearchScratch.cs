namespace RelationGraph.Core.Paths;

/// <summary>
/// Search buffers sized to the node count (about 34 MB at a million entities), lent by a <see cref="SearchScratchPool"/>.
/// Marks are stamps rather than booleans, so a new search takes a fresh stamp instead of clearing a million-entry array.
/// </summary>
internal sealed class SearchScratch
{
    // more than PathRequest.MaxHopsLimit levels, so a search's base plus a level never reaches the next search's base
    private const int LevelsPerSearch = 16;

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

    /// <summary>
    /// Bidirectional search marks, interleaved per node: <c>[2n + side]</c> is the search's base plus the node's
    /// hop distance from that side (side 0 forward, 1 backward). Both sides of a node share a cache line and the
    /// distance needs no second read: this is the array every scanned edge touches, so it stays dense (keeping
    /// the parent heads in the same entry measured slower: fewer nodes per cache line).
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
/// nothing, while buffers kept per thread (as before) cost 34 MB at a million entities for every thread that ever
/// searched: the API's memory grew with its thread count.
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
