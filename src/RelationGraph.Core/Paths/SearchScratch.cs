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
        SeenForward = new int[capacity];
        DistForward = new int[capacity];
        SeenBackward = new int[capacity];
        DistBackward = new int[capacity];
        Blocked = new int[capacity];
        OnPath = new int[capacity];
        HeadForward = new int[capacity];
        HeadBackward = new int[capacity];
    }

    /// <summary>First parent link of each node reached forward (valid while the node is seen this search).</summary>
    public int[] HeadForward { get; }

    /// <summary>First parent link of each node reached backward.</summary>
    public int[] HeadBackward { get; }

    /// <summary>Parent links: for a node, every (parent, edge) one BFS level closer to its side's start.</summary>
    public int[] LinkParent { get; private set; } = new int[256];

    public int[] LinkEdge { get; private set; } = new int[256];

    public int[] LinkNext { get; private set; } = new int[256];

    public int LinkCount { get; set; }

    /// <summary>Records that <paramref name="node"/> is reached from <paramref name="parent"/> over <paramref name="edge"/> on a shortest route.</summary>
    public void AddLink(int[] heads, int node, int parent, int edge)
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
        LinkNext[LinkCount] = heads[node];
        heads[node] = LinkCount++;
    }

    private static int[] Grow(int[] array, int capacity)
    {
        var grown = new int[capacity];
        array.CopyTo(grown, 0);
        return grown;
    }

    public int[] SeenForward { get; }

    public int[] DistForward { get; }

    public int[] SeenBackward { get; }

    public int[] DistBackward { get; }

    public int[] Blocked { get; }

    public int[] OnPath { get; }

    public List<int> FrontierForward { get; } = [];

    public List<int> FrontierBackward { get; } = [];

    public List<int> Next { get; } = [];

    public static SearchScratch For(int nodeCount)
    {
        var scratch = t_current;
        if (scratch is null || scratch.SeenForward.Length < nodeCount)
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
            Array.Clear(SeenForward);
            Array.Clear(SeenBackward);
            Array.Clear(Blocked);
            Array.Clear(OnPath);
            _stamp = 0;
        }

        return ++_stamp;
    }
}
