namespace RelationGraph.Bench.Paths;

/// <summary>
/// The yardstick: a plain bidirectional BFS over a compact CSR adjacency array (ints only, no filters,
/// no ranking, one path). Our search is measured against it on the same graph and the same pairs.
/// </summary>
internal sealed class ReferenceBfs
{
    private readonly int[] _offsets;
    private readonly int[] _neighbours;
    private readonly int[] _seenForward;
    private readonly int[] _seenBackward;
    private readonly int[] _parentForward;
    private readonly int[] _parentBackward;
    private int[] _frontierA;
    private int[] _frontierB;
    private int[] _next;
    private int _stamp;

    private ReferenceBfs(int[] offsets, int[] neighbours)
    {
        _offsets = offsets;
        _neighbours = neighbours;
        var nodes = offsets.Length - 1;
        _seenForward = new int[nodes];
        _seenBackward = new int[nodes];
        _parentForward = new int[nodes];
        _parentBackward = new int[nodes];
        _frontierA = new int[nodes];
        _frontierB = new int[nodes];
        _next = new int[nodes];
    }

    public long AdjacencyBytes => ((long)_offsets.Length + _neighbours.Length) * sizeof(int);

    public static ReferenceBfs Build(int nodes, int[] subjects, int[] objects)
    {
        var offsets = new int[nodes + 1];
        for (var f = 0; f < subjects.Length; f++)
        {
            offsets[subjects[f] + 1]++;
            offsets[objects[f] + 1]++;
        }

        for (var i = 0; i < nodes; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var neighbours = new int[offsets[nodes]];
        var fill = offsets[..nodes];
        for (var f = 0; f < subjects.Length; f++)
        {
            neighbours[fill[subjects[f]]++] = objects[f];
            neighbours[fill[objects[f]]++] = subjects[f];
        }

        return new ReferenceBfs(offsets, neighbours);
    }

    /// <summary>Length of one shortest path within <paramref name="maxHops"/>, or -1.</summary>
    /// <remarks>
    /// Compiled fully optimised from the first call. Left to tiered compilation, whether it has been recompiled
    /// by the time the timed rounds run depends on what else the process is compiling meanwhile, so the reference
    /// could still be in quick-jitted code in one run and not in the next, and every ratio against it would move.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int ShortestLength(int from, int to, int maxHops)
    {
        if (from == to)
        {
            return 0;
        }

        var stamp = ++_stamp;
        _seenForward[from] = stamp;
        _seenBackward[to] = stamp;
        var forward = _frontierA;
        var backward = _frontierB;
        forward[0] = from;
        backward[0] = to;
        int forwardCount = 1, backwardCount = 1, forwardLevel = 0, backwardLevel = 0;
        while (forwardLevel + backwardLevel < maxHops && forwardCount > 0 && backwardCount > 0)
        {
            var expandForward = forwardCount <= backwardCount;
            var frontier = expandForward ? forward : backward;
            var count = expandForward ? forwardCount : backwardCount;
            var seen = expandForward ? _seenForward : _seenBackward;
            var other = expandForward ? _seenBackward : _seenForward;
            var parent = expandForward ? _parentForward : _parentBackward;
            var nextCount = 0;
            for (var i = 0; i < count; i++)
            {
                var node = frontier[i];
                for (var e = _offsets[node]; e < _offsets[node + 1]; e++)
                {
                    var neighbour = _neighbours[e];
                    if (other[neighbour] == stamp)
                    {
                        _frontierA = forward;
                        _frontierB = backward;
                        return forwardLevel + backwardLevel + 1;
                    }

                    if (seen[neighbour] != stamp)
                    {
                        seen[neighbour] = stamp;
                        parent[neighbour] = node;
                        _next[nextCount++] = neighbour;
                    }
                }
            }

            (_next, frontier) = (frontier, _next);
            if (expandForward)
            {
                forward = frontier;
                forwardCount = nextCount;
                forwardLevel++;
            }
            else
            {
                backward = frontier;
                backwardCount = nextCount;
                backwardLevel++;
            }
        }

        _frontierA = forward;
        _frontierB = backward;
        return -1;
    }
}
