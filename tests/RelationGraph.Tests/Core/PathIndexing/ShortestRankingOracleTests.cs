using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;

namespace RelationGraph.Tests.Core.PathIndexing;

/// <summary>Shortest-mode answers compared path by path with a brute-force enumeration ranked the documented way.</summary>
public sealed class ShortestRankingOracleTests
{
    private static readonly RelationType[] AllowedTypes = [RelationType.AssociatedWith, RelationType.EmployedBy, RelationType.Leads, RelationType.MemberOf, RelationType.Owns];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    [InlineData(false, 50)]
    [InlineData(true, 3)]
    [InlineData(true, 50)]
    public void FindPaths_RandomGraphs_ShortestEqualsBruteForceRanking(bool filtered, int k)
    {
        for (var seed = 1; seed <= 30; seed++)
        {
            var random = new Random(seed);
            var graph = new TestGraph();
            for (var e = 0; e < 45; e++)
            {
                var a = random.Next(16);
                var b = random.Next(16);
                if (a != b)
                {
                    graph.Edge($"n{a:D2}", $"n{b:D2}", (RelationType)random.Next(12), confidence: 0.5 + (0.1 * random.Next(5)), docs: 1 + random.Next(3));
                }
            }

            graph.Node("n00").Node("n15");
            using var index = graph.Build();
            var filter = filtered ? new PathFilter { Types = AllowedTypes.ToHashSet() } : PathFilter.None;

            var expected = BruteForceShortest(graph, "n00", "n15", maxHops: 5, filtered ? AllowedTypes : null).Take(k);
            var result = index.FindPaths(
                new PathRequest { FromId = "n00", ToId = "n15", Mode = PathMode.Shortest, K = k, MaxHops = 5, Filter = filter },
                TimeProvider.System, long.MaxValue, Ct);

            Assert.False(result.TimedOut);
            Assert.Equal(expected, result.Paths.Select(p => string.Join('|', p.Hops.Select(h => h.FactKey))));
        }
    }

    // Every simple path of the shortest length, most documents first, then highest confidence product,
    // then entity ids and fact keys in ordinal order.
    private static List<string> BruteForceShortest(TestGraph graph, string from, string to, int maxHops, RelationType[]? types)
    {
        var facts = graph.Facts.Values.Where(f => types is null || types.Contains(f.Type)).ToList();
        var paths = new List<(List<string> Nodes, List<IndexedFact> Facts)>();
        var nodes = new List<string> { from };
        var walked = new List<IndexedFact>();
        Walk(from);
        if (paths.Count == 0)
        {
            return [];
        }

        var shortest = paths.Min(p => p.Facts.Count);
        var ranked = paths.Where(p => p.Facts.Count == shortest).ToList();
        ranked.Sort((x, y) =>
        {
            var order = y.Facts.Sum(f => f.DocCount).CompareTo(x.Facts.Sum(f => f.DocCount));
            if (order == 0)
            {
                order = Confidence(y.Facts).CompareTo(Confidence(x.Facts));
            }

            for (var i = 0; order == 0 && i < x.Nodes.Count; i++)
            {
                order = string.CompareOrdinal(x.Nodes[i], y.Nodes[i]);
            }

            for (var i = 0; order == 0 && i < x.Facts.Count; i++)
            {
                order = string.CompareOrdinal(x.Facts[i].FactKey, y.Facts[i].FactKey);
            }

            return order;
        });
        return [.. ranked.Select(p => string.Join('|', p.Facts.Select(f => f.FactKey)))];

        // the index keeps confidences as float; multiply the same values so equal products compare equal
        static double Confidence(List<IndexedFact> hops) => hops.Aggregate(1.0, (product, f) => product * (float)f.Confidence);

        void Walk(string node)
        {
            if (walked.Count == maxHops)
            {
                return;
            }

            foreach (var fact in facts)
            {
                var next = fact.SubjectId == node ? fact.ObjectId : fact.ObjectId == node ? fact.SubjectId : null;
                if (next is null || nodes.Contains(next))
                {
                    continue;
                }

                nodes.Add(next);
                walked.Add(fact);
                if (next == to)
                {
                    paths.Add(([.. nodes], [.. walked]));
                }
                else
                {
                    Walk(next);
                }

                nodes.RemoveAt(nodes.Count - 1);
                walked.RemoveAt(walked.Count - 1);
            }
        }
    }
}
