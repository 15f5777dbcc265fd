using System.Runtime.InteropServices;

namespace RelationGraph.Core.PathIndexing;

// All shortest paths: bidirectional BFS to the meeting edges, then enumeration of the paths through them.
internal sealed partial class PathFinder
{
    /// <summary>
    /// All shortest paths, ranked, the best <paramref name="k"/> kept. Enumeration stops at a cap, so the
    /// ranking is exact whenever the shortest paths number at most that cap (4k, at least 16).
    /// </summary>
    private List<IndexPath> AllShortest(int from, int to, int maxHops, int k)
    {
        var cap = EnumerationCap(k);
        var length = BidirectionalSearch(from, to, maxHops, cap);
        var paths = new List<IndexPath>();
        if (length > 0)
        {
            EnumerateShortest(from, to, length, cap, paths);
            paths.Sort(_ranking);
            if (paths.Count > k)
            {
                paths.RemoveRange(k, paths.Count - k);
            }
        }

        return paths;
    }

    /// <summary>
    /// Bidirectional BFS, always growing the smaller frontier by a whole level. Returns the shortest
    /// length (or -1) and leaves in <see cref="_meetings"/> the edges joining the two searches at that
    /// length that were collected (see <see cref="Expand"/>): each shortest path crosses exactly one
    /// meeting edge, at the same position.
    /// </summary>
    private int BidirectionalSearch(int from, int to, int maxHops, int meetingCap)
    {
        var scratch = _scratch;
        _searchBase = scratch.NextSearchBase();
        _meetingCap = meetingCap;
        _edgesScanned = 0;
        var seen = scratch.Seen;
        seen[SearchScratch.SeenStride * from] = _searchBase;
        seen[SearchScratch.SeenStride * to] = _searchBase + SearchScratch.BackwardMarks;
        var forward = scratch.FrontierForward;
        var backward = scratch.FrontierBackward;
        var next = scratch.Next;
        forward.Clear();
        backward.Clear();
        forward.Add(from);
        backward.Add(to);
        _meetings.Clear();
        var plain = !_filter.FiltersEdges && !_filter.FiltersNodes && _blockStamp == 0 && _blockedEdges is not { Count: > 0 };
        int forwardLevel = 0, backwardLevel = 0;
        while (forwardLevel + backwardLevel < maxHops && forward.Count > 0 && backward.Count > 0)
        {
            // the smaller frontier, by node count: weighing frontiers by their adjacency size would read each new
            // node's degree, one more cache miss per node
            if (forward.Count <= backward.Count)
            {
                if (plain)
                {
                    ExpandPlain(forward, next, ForwardSide, forwardLevel);
                }
                else
                {
                    Expand(forward, next, ForwardSide, forwardLevel);
                }

                forwardLevel++;
                (forward, next) = (next, forward);
            }
            else
            {
                if (plain)
                {
                    ExpandPlain(backward, next, BackwardSide, backwardLevel);
                }
                else
                {
                    Expand(backward, next, BackwardSide, backwardLevel);
                }

                backwardLevel++;
                (backward, next) = (next, backward);
            }

            if (_meetings.Count > 0)
            {
                return forwardLevel + backwardLevel;
            }
        }

        return -1;
    }

    // Grows one side by a level into next, marking each reached node with its side and hop distance. Per edge
    // it reads one int (the neighbour's mark, see SearchScratch.Seen), like a plain BFS, and like a plain BFS it
    // writes a reached node's parent (the edge, beside the mark); a node reached again from the same level is
    // marked as having several parents, which the enumeration then finds by scanning its neighbours' marks.
    // Once the two searches meet the length is known, so the rest of the level only looks for more meeting
    // edges (no new nodes; CollectMeetings). Collecting every meeting edge can mean
    // scanning a hub's whole adjacency, which a single-path BFS never does, so collection stops at the
    // cap (each meeting edge yields at least one distinct path, more could not be enumerated) or after
    // a bounded extra scan past the first meeting: a quarter of the work done so far, at least
    // MinMeetingScan edges. Ranking among equally short paths is exact whenever the meeting level fits
    // in that budget (always on small graphs); on hub-heavy levels it ranks the paths collected.
    private void Expand(List<int> frontier, List<int> next, int side, int level)
    {
        var scratch = _scratch;
        next.Clear();
        var seen = scratch.Seen;
        var searchBase = _searchBase;
        var ownBase = side == ForwardSide ? searchBase : searchBase + SearchScratch.BackwardMarks;
        var otherBase = side == ForwardSide ? searchBase + SearchScratch.BackwardMarks : searchBase;
        var reachedMark = ownBase + level + 1;
        var blocked = scratch.Blocked;
        var blockStamp = _blockStamp;

        var checkEdges = _filter.FiltersEdges || _blockedEdges is { Count: > 0 };
        var checkNodes = _filter.FiltersNodes || blockStamp != 0;
        var scanned = _edgesScanned;
        var nodes = CollectionsMarshal.AsSpan(frontier);
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var adjacency = _index.Neighbours(node);
            _budget.Tick(adjacency.Length);
            for (var j = 0; j < adjacency.Length; j++)
            {
                var adjacent = adjacency[j];
                if (checkEdges && !EdgeAllowed(adjacent.Edge))
                {
                    continue;
                }

                var neighbour = adjacent.Node;
                var slot = SearchScratch.SeenStride * neighbour;
                var mark = seen[slot];
                if ((uint)(mark - otherBase) < SearchScratch.BackwardMarks)
                {
                    _edgesScanned = scanned + j + 1;
                    CollectMeetings(nodes, i, j, side, otherBase, checkEdges);
                    return;
                }

                if (mark >= searchBase)
                {
                    // already reached by this side; from this same level it is one more parent link
                    if (mark == reachedMark)
                    {
                        seen[slot + SearchScratch.ParentSlot] = SearchScratch.SeveralParents;
                    }

                    continue;
                }

                if (checkNodes && ((blockStamp != 0 && blocked[neighbour] == blockStamp) || !IntermediateAllowed(neighbour)))
                {
                    continue;
                }

                seen[slot] = reachedMark;
                seen[slot + SearchScratch.ParentSlot] = adjacent.Edge;
                next.Add(neighbour);
            }

            scanned += adjacency.Length;
        }

        _edgesScanned = scanned;
    }

    // Expand for a search with no filter and nothing blocked (the common case): the same walk, marks and meetings
    // with the checks taken out, writing reached nodes straight into the list's array, so the loop over edges keeps
    // its state in registers (with the filter branches and a try/finally saving its counters, the JIT keeps about ten
    // values in stack slots, read and written on every edge).
    private void ExpandPlain(List<int> frontier, List<int> next, int side, int level)
    {
        var seen = _scratch.Seen;
        var index = _index;
        var budget = _budget;
        var searchBase = _searchBase;
        var otherBase = side == ForwardSide ? searchBase + SearchScratch.BackwardMarks : searchBase;
        var reachedMark = (side == ForwardSide ? searchBase : searchBase + SearchScratch.BackwardMarks) + level + 1;
        var scanned = _edgesScanned;
        var count = 0;
        next.Clear();
        var nodes = CollectionsMarshal.AsSpan(frontier);
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var adjacency = index.Neighbours(node);
            budget.Tick(adjacency.Length);

            // room for every neighbour, so the loop writes without growing the list
            CollectionsMarshal.SetCount(next, count + adjacency.Length);
            var reached = CollectionsMarshal.AsSpan(next);
            for (var j = 0; j < adjacency.Length; j++)
            {
                var neighbour = adjacency[j].Node;
                var slot = SearchScratch.SeenStride * neighbour;
                var mark = seen[slot];
                if ((uint)(mark - otherBase) < SearchScratch.BackwardMarks)
                {
                    CollectionsMarshal.SetCount(next, count);
                    _edgesScanned = scanned + j + 1;
                    CollectMeetings(nodes, i, j, side, otherBase, checkEdges: false);
                    return;
                }

                if (mark >= searchBase)
                {
                    if (mark == reachedMark)
                    {
                        seen[slot + SearchScratch.ParentSlot] = SearchScratch.SeveralParents;
                    }

                    continue;
                }

                seen[slot] = reachedMark;
                seen[slot + SearchScratch.ParentSlot] = adjacency[j].Edge;
                reached[count++] = neighbour;
            }

            scanned += adjacency.Length;
        }

        CollectionsMarshal.SetCount(next, count);
        _edgesScanned = scanned;
    }

    // The rest of the meeting level, from the first meeting edge (frontier[first], its adjacency entry at firstEntry)
    // on: only meeting edges are collected (see Expand for the bounds).
    private void CollectMeetings(ReadOnlySpan<int> frontier, int first, int firstEntry, int side, int otherBase, bool checkEdges)
    {
        var seen = _scratch.Seen;
        var scanned = _edgesScanned;
        var limit = scanned + Math.Max(MinMeetingScan, scanned / 4);
        var start = firstEntry;
        for (var i = first; i < frontier.Length; i++)
        {
            var node = frontier[i];
            var adjacency = _index.Neighbours(node);
            if (i != first)
            {
                _budget.Tick(adjacency.Length);
            }

            for (var j = start; j < adjacency.Length; j++)
            {
                if (j != firstEntry || i != first)
                {
                    if (++scanned > limit)
                    {
                        _edgesScanned = scanned;
                        return;
                    }

                    if ((checkEdges && !EdgeAllowed(adjacency[j].Edge))
                        || (uint)(seen[SearchScratch.SeenStride * adjacency[j].Node] - otherBase) >= SearchScratch.BackwardMarks)
                    {
                        continue;
                    }
                }

                var neighbour = adjacency[j].Node;
                _meetings.Add(side == ForwardSide ? (node, neighbour, adjacency[j].Edge) : (neighbour, node, adjacency[j].Edge));
                if (_meetings.Count >= _meetingCap)
                {
                    _edgesScanned = scanned;
                    return;
                }
            }

            start = 0;
        }

        _edgesScanned = scanned;
    }

    /// <summary>Expands the meeting edges into whole paths: predecessors by forward distance, successors by backward distance.</summary>
    private void EnumerateShortest(int from, int to, int length, int cap, List<IndexPath> output)
    {
        var nodes = new int[length + 1];
        var edges = new int[length];
        var walk = new ShortestWalk(this, from, to, length, nodes, edges, cap, output);
        foreach (var (forwardNode, backwardNode, edge) in _meetings)
        {
            var position = _scratch.Seen[SearchScratch.SeenStride * forwardNode] - _searchBase;
            nodes[position] = forwardNode;
            edges[position] = edge;
            nodes[position + 1] = backwardNode;
            if (!walk.Prefix(position, position + 1))
            {
                return;
            }
        }
    }

    private readonly struct ShortestWalk(PathFinder finder, int from, int to, int length, int[] nodes, int[] edges, int cap, List<IndexPath> output)
    {
        // Fills nodes[0..position) walking forward distances down to the source, then the suffix.
        public bool Prefix(int position, int suffixStart)
        {
            if (position == 0)
            {
                return nodes[0] == from && Suffix(suffixStart);
            }

            var onlyParent = finder._scratch.Seen[(SearchScratch.SeenStride * nodes[position]) + SearchScratch.ParentSlot];
            if (onlyParent != SearchScratch.SeveralParents)
            {
                // the one link the search found from the level before (so an allowed one): what the scans below would find
                nodes[position - 1] = finder._index.OtherEnd(onlyParent, nodes[position]);
                edges[position - 1] = onlyParent;
                return Prefix(position - 1, suffixStart);
            }

            if (position == 1)
            {
                // the only parent is the source itself
                var toSource = ShorterSide(nodes[1], from, out var match);
                foreach (var adjacent in toSource)
                {
                    if (adjacent.Node != match || !finder.LinkAllowed(adjacent.Edge))
                    {
                        continue;
                    }

                    nodes[0] = from;
                    edges[0] = adjacent.Edge;
                    if (!Suffix(suffixStart))
                    {
                        return false;
                    }
                }

                return true;
            }

            var seen = finder._scratch.Seen;
            var parentMark = finder._searchBase + position - 1;
            var adjacency = finder._index.Neighbours(nodes[position]);
            finder._budget.Tick(adjacency.Length);
            foreach (var adjacent in adjacency)
            {
                if (seen[SearchScratch.SeenStride * adjacent.Node] != parentMark || !finder.LinkAllowed(adjacent.Edge))
                {
                    continue;
                }

                nodes[position - 1] = adjacent.Node;
                edges[position - 1] = adjacent.Edge;
                if (!Prefix(position - 1, suffixStart))
                {
                    return false;
                }
            }

            return true;
        }

        // The edges joining a path node to an end of the path are in both their adjacencies: scan the shorter one
        // (a hub next to the source or the target would otherwise be read whole to find one neighbour).
        private ReadOnlySpan<PathIndex.Adjacent> ShorterSide(int node, int end, out int match)
        {
            var fromNode = finder._index.Neighbours(node);
            var fromEnd = finder._index.Neighbours(end);
            var shorter = fromEnd.Length < fromNode.Length ? fromEnd : fromNode;
            match = fromEnd.Length < fromNode.Length ? node : end;
            finder._budget.Tick(shorter.Length);
            return shorter;
        }

        private bool Suffix(int position)
        {
            if (position == length)
            {
                if (nodes[length] != to)
                {
                    return true;
                }

                output.Add(IndexPath.Create(nodes, edges, finder._index));
                return output.Count < cap;
            }

            var onlySuccessor = finder._scratch.Seen[(SearchScratch.SeenStride * nodes[position]) + SearchScratch.ParentSlot];
            if (onlySuccessor != SearchScratch.SeveralParents)
            {
                nodes[position + 1] = finder._index.OtherEnd(onlySuccessor, nodes[position]);
                edges[position] = onlySuccessor;
                return Suffix(position + 1);
            }

            if (position == length - 1)
            {
                // the only successor is the target itself
                var toTarget = ShorterSide(nodes[position], to, out var match);
                foreach (var adjacent in toTarget)
                {
                    if (adjacent.Node != match || !finder.LinkAllowed(adjacent.Edge))
                    {
                        continue;
                    }

                    nodes[length] = to;
                    edges[position] = adjacent.Edge;
                    output.Add(IndexPath.Create(nodes, edges, finder._index));
                    if (output.Count >= cap)
                    {
                        return false;
                    }
                }

                return true;
            }

            var seen = finder._scratch.Seen;
            var nextMark = finder._searchBase + SearchScratch.BackwardMarks + length - position - 1;
            var adjacency = finder._index.Neighbours(nodes[position]);
            finder._budget.Tick(adjacency.Length);
            foreach (var adjacent in adjacency)
            {
                if (seen[SearchScratch.SeenStride * adjacent.Node] != nextMark || !finder.LinkAllowed(adjacent.Edge))
                {
                    continue;
                }

                nodes[position + 1] = adjacent.Node;
                edges[position] = adjacent.Edge;
                if (!Suffix(position + 1))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
