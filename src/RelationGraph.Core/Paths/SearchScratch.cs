namespace RelationGraph.Core.Paths;

/// <summary>
/// Per-thread search buffers sized to the node count. Marks are stamps rather than booleans, so a new
/// search takes a fresh stamp instead of clearing a million-entry array.
/// </summary>
internal sealed class SearchScratch
{
    [ThreadStatic]
    private static SearchScratch? t_current;

    private int _stamp;

    private SearchScratch(int capacity)
    {
        StampForward = new int[capacity];
        StampBackward = new int[capacity];
        Forward = new NodeMark[capacity];
        Backward = new NodeMark[capacity];
        Blocked = new int[capacity];
        OnPath = new int[capacity];
    }

    /// <summary>Which search saw each node forward. Checked on every edge, so it stays a dense int array.</summary>
    public int[] StampForward { get; }

    /// <summary>Which search saw each node backward.</summary>
    public int[] StampBackward { get; }

    /// <summary>Distance and first parent link of nodes seen forward: read and written only when a node is first reached.</summary>
    public NodeMark[] Forward { get; }

    /// <summary>Per-node marks of the backward search.</summary>
    public NodeMark[] Backward { get; }

    public int[] Blocked { get; }

    public int[] OnPath { get; }

    public List<int> FrontierForward { get; } = [];

    public List<int> FrontierBackward { get; } = [];

    public List<int> Next { get; } = [];

    public static SearchScratch For(int nodeCount)
    {
        var scratch = t_current;
        if (scratch is null || scratch.StampForward.Length < nodeCount)
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
            Array.Clear(StampForward);
            Array.Clear(StampBackward);
            Array.Clear(Blocked);
            Array.Clear(OnPath);
            _stamp = 0;
        }

        return ++_stamp;
    }

    /// <summary>Parent links: for a node, every (parent, edge) one BFS level closer to its side's start.</summary>
    public int[] LinkParent { get; private set; } = new int[256];

    public int[] LinkEdge { get; private set; } = new int[256];

    public int[] LinkNext { get; private set; } = new int[256];

    public int LinkCount { get; set; }

    /// <summary>Records that <paramref name="node"/> is reached from <paramref name="parent"/> over <paramref name="edge"/> on a shortest route.</summary>
    public void AddLink(NodeMark[] marks, int node, int parent, int edge)
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
        LinkNext[LinkCount] = marks[node].Head;
        marks[node].Head = LinkCount++;
        marks[node].Links++;
    }

    private static int[] Grow(int[] array, int capacity)
    {
        var grown = new int[capacity];
        array.CopyTo(grown, 0);
        return grown;
    }
}

/// <summary>A node's state in one search side, valid while its stamp is the search's: hop distance and first parent link.</summary>
internal struct NodeMark
{
    public int Dist;
    public int Head;
    public int Links;
}
