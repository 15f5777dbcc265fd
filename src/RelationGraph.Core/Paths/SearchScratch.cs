using System.Runtime.CompilerServices;

namespace RelationGraph.Core.Paths;

/// <summary>
/// Per-thread search buffers sized to the node count. Marks are stamps rather than booleans, so a new
/// search takes a fresh stamp instead of clearing a million-entry array.
/// </summary>
internal sealed class SearchScratch
{
    [ThreadStatic]
    private static SearchScratch? t_current;

    // more than PathRequest.MaxHopsLimit levels, so a search's base plus a level never reaches the next search's base
    private const int LevelsPerSearch = 16;

    private int _stamp;
    private int _searchBase;

    private SearchScratch(int capacity)
    {
        Seen = new int[SeenStride * capacity];
        Heads = new int[SeenStride * capacity];
        StampBackward = new int[capacity];
        Backward = new NodeMark[capacity];
        Blocked = new int[capacity];
        OnPath = new int[capacity];
    }

    /// <summary>Ints per node in <see cref="Seen"/> and <see cref="Heads"/>.</summary>
    public const int SeenStride = 2;

    /// <summary>
    /// Bidirectional search marks, interleaved per node: <c>[2n + side]</c> is the search's base plus the node's
    /// hop distance from that side (side 0 forward, 1 backward). Both sides of a node share a cache line and the
    /// distance needs no second read: this is the array every scanned edge touches, so it stays dense (keeping
    /// the parent heads in the same entry measured slower: fewer nodes per cache line).
    /// </summary>
    public int[] Seen { get; }

    /// <summary>First parent link (see <see cref="AddLink"/>) of each node and side, indexed like <see cref="Seen"/>; written only when a node is reached.</summary>
    public int[] Heads { get; }

    /// <summary>Which distance search (<c>DistancesTo</c>) saw each node.</summary>
    public int[] StampBackward { get; }

    /// <summary>Hop distances of the distance search.</summary>
    public NodeMark[] Backward { get; }

    public int[] Blocked { get; }

    public int[] OnPath { get; }

    public List<int> FrontierForward { get; } = [];

    public List<int> FrontierBackward { get; } = [];

    public List<int> Next { get; } = [];

    public static SearchScratch For(int nodeCount)
    {
        var scratch = t_current;
        if (scratch is null || scratch.Blocked.Length < nodeCount)
        {
            // grow with headroom so nodes added by ingestion do not reallocate every search
            scratch = new SearchScratch(Math.Max(1024, nodeCount + (nodeCount / 8)));
            t_current = scratch;
        }

        return scratch;
    }

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

    /// <summary>Parent links: for a node, every (parent, edge) one BFS level closer to its side's start.</summary>
    public int[] LinkParent { get; private set; } = new int[256];

    public int[] LinkEdge { get; private set; } = new int[256];

    public int[] LinkNext { get; private set; } = new int[256];

    public int LinkCount { get; set; }

    /// <summary>Records that the node whose head is at <paramref name="headSlot"/> is reached from <paramref name="parent"/> over <paramref name="edge"/> on a shortest route.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddLink(int[] heads, int headSlot, int parent, int edge)
    {
        if (LinkCount == LinkParent.Length)
        {
            var capacity = LinkParent.Length * 2;
            LinkParent = Grow(LinkParent, capacity);
            LinkEdge = Grow(LinkEdge, capacity);
            LinkNext = Grow(LinkNext, capacity);
        }

        LinkParent[LinkCount] = parent;
        LinkEdge[LinkCount] = edge;
        LinkNext[LinkCount] = heads[headSlot];
        heads[headSlot] = LinkCount++;
    }

    private static int[] Grow(int[] array, int capacity)
    {
        var grown = new int[capacity];
        array.CopyTo(grown, 0);
        return grown;
    }
}

/// <summary>A node's state in the distance search, valid while its stamp is the search's: hop distance.</summary>
internal struct NodeMark
{
    public int Dist;
}
