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
