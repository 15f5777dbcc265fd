namespace RelationGraph.Core.PathIndexing;

// Yen's k shortest simple paths, seeded with all shortest paths.
internal sealed partial class PathFinder
{
    /// <summary>
    /// Yen's algorithm, seeded with all shortest paths (so equally short paths are ranked by evidence),
    /// each accepted path then spur-searched with its root's nodes and already-taken next edges blocked.
    /// </summary>
    private void KShortest(int from, int to, int maxHops, int k, List<IndexPath> accepted)
    {
        var shortest = AllShortest(from, to, maxHops, k);
        accepted.AddRange(shortest);
        if (accepted.Count == 0 || accepted.Count >= k)
        {
            return;
        }

        var candidates = new List<IndexPath>();
        var known = new HashSet<IndexPath>(accepted, IndexPathEdgesComparer.Instance);
        var expanded = 0;
        _blockedEdges = [];
        var spurPaths = new List<IndexPath>();
        while (accepted.Count < k)
        {
            for (; expanded < accepted.Count; expanded++)
            {
                var path = accepted[expanded];
                for (var i = 0; i < path.Length; i++)
                {
                    var remaining = maxHops - i;
                    _blockedEdges.Clear();
                    foreach (var other in accepted)
                    {
                        if (other.Length > i && other.SharesRoot(path, i))
                        {
                            _blockedEdges.Add(other.Edges[i]);
                        }
                    }

                    _blockStamp = _scratch.NextStamp();
                    for (var r = 0; r < i; r++)
                    {
                        _scratch.Blocked[path.Nodes[r]] = _blockStamp;
                    }

                    var spur = path.Nodes[i];
                    var length = BidirectionalSearch(spur, to, remaining, k);
                    if (length <= 0)
                    {
                        continue;
                    }

                    spurPaths.Clear();
                    EnumerateShortest(spur, to, length, k, spurPaths);
                    foreach (var spurPath in spurPaths)
                    {
                        var candidate = path.Join(i, spurPath, _index);
                        if (known.Add(candidate))
                        {
                            candidates.Add(candidate);
                        }
                    }
                }
            }

            _blockStamp = 0;
            if (candidates.Count == 0)
            {
                return;
            }

            var best = 0;
            for (var c = 1; c < candidates.Count; c++)
            {
                if (_ranking.Compare(candidates[c], candidates[best]) < 0)
                {
                    best = c;
                }
            }

            accepted.Add(candidates[best]);
            candidates.RemoveAt(best);
        }
    }
}
