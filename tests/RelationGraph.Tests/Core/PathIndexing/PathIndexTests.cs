using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;

namespace RelationGraph.Tests.Core.PathIndexing;

public sealed class PathIndexTests
{
    private static readonly DateTimeOffset Y2019 = new(2019, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Y2022 = new(2022, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void FindPaths_Shortest_ReturnsEveryShortestPathStrongestEvidenceFirst()
    {
        var graph = new TestGraph()
            .Edge("a", "b", docs: 1).Edge("b", "d", docs: 1)
            .Edge("a", "c", docs: 3).Edge("c", "d", docs: 2)
            .Edge("a", "e").Edge("e", "f").Edge("f", "d");
        using var index = graph.Build();

        var result = Find(index, "a", "d", k: 10);

        Assert.False(result.TimedOut);
        Assert.Equal(["a>c>d", "a>b>d"], result.Paths.Select(Describe));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FindPaths_NodesWithOneAndWithSeveralLinksToTheLevelBefore_ReturnsEveryShortestPathRanked(bool filtered)
    {
        // the search follows a node's single link to the level before and scans for several: "a" and "d" have two
        // parallel facts towards their end, "h" two neighbours on each side, "b" and "c" one link each
        var graph = new TestGraph()
            .Edge("s", "a", docs: 1).Edge("s", "a", RelationType.Owns, docs: 4).Edge("s", "b", docs: 2)
            .Edge("a", "h").Edge("b", "h")
            .Edge("h", "c").Edge("h", "d", docs: 3)
            .Edge("c", "t").Edge("d", "t").Edge("d", "t", RelationType.Leads, docs: 2);
        using var index = graph.Build();
        var filter = filtered ? new PathFilter { Types = new HashSet<RelationType> { RelationType.AssociatedWith } } : null;

        var result = Find(index, "s", "t", k: 9, filter: filter);

        var sa = "s-ASSOCIATED_WITH-a";
        var so = "s-OWNS-a";
        var dt = "d-ASSOCIATED_WITH-t";
        var dl = "d-LEADS-t";
        string[] expected = filtered
            ? [Route("s-ASSOCIATED_WITH-b", "b-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-d", dt), Route(sa, "a-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-d", dt),
                Route("s-ASSOCIATED_WITH-b", "b-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-c", "c-ASSOCIATED_WITH-t"), Route(sa, "a-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-c", "c-ASSOCIATED_WITH-t")]
            : [Route(so, "a-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-d", dl), Route(so, "a-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-d", dt),
                Route("s-ASSOCIATED_WITH-b", "b-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-d", dl),
                // three with 7 documents and equal confidence: by entity ids (s>a>h>c>t, s>a>h>d>t, s>b>h>d>t)
                Route(so, "a-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-c", "c-ASSOCIATED_WITH-t"), Route(sa, "a-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-d", dl),
                Route("s-ASSOCIATED_WITH-b", "b-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-d", dt),
                Route(sa, "a-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-d", dt), Route("s-ASSOCIATED_WITH-b", "b-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-c", "c-ASSOCIATED_WITH-t"),
                Route(sa, "a-ASSOCIATED_WITH-h", "h-ASSOCIATED_WITH-c", "c-ASSOCIATED_WITH-t")];
        Assert.False(result.TimedOut);
        Assert.Equal(expected, result.Paths.Select(p => string.Join('|', p.Hops.Select(h => h.FactKey))));

        static string Route(params string[] factKeys) => string.Join('|', factKeys);
    }

    [Fact]
    public void FindPaths_EqualEvidence_OrdersByIdsSoTheAnswerIsStable()
    {
        var graph = new TestGraph().Edge("a", "y").Edge("y", "d").Edge("a", "x").Edge("x", "d");
        using var index = graph.Build();

        var result = Find(index, "a", "d", k: 10);

        Assert.Equal(["a>x>d", "a>y>d"], result.Paths.Select(Describe));
    }

    [Fact]
    public void FindPaths_WalksAgainstTheFactDirection_ReportsTheRealDirection()
    {
        var graph = new TestGraph()
            .Node("per", EntityKind.Person).Node("org", EntityKind.Organisation).Node("boss", EntityKind.Person)
            .Edge("per", "org", RelationType.EmployedBy).Edge("boss", "org", RelationType.Leads);
        using var index = graph.Build();

        var path = Assert.Single(Find(index, "per", "boss").Paths);

        Assert.Equal(["per", "org", "boss"], path.NodeIds);
        Assert.True(path.Hops[0].Forward);
        Assert.False(path.Hops[1].Forward);
        Assert.Equal("boss-LEADS-org", path.Hops[1].FactKey);
    }

    [Fact]
    public void FindPaths_KShortest_AddsTheLongerAlternativesInOrder()
    {
        var graph = new TestGraph()
            .Edge("a", "b").Edge("b", "d")
            .Edge("a", "e").Edge("e", "f").Edge("f", "d")
            .Edge("a", "g").Edge("g", "h").Edge("h", "i").Edge("i", "d");
        using var index = graph.Build();

        var result = Find(index, "a", "d", PathMode.KShortest, k: 3, maxHops: 6);

        Assert.Equal(["a>b>d", "a>e>f>d", "a>g>h>i>d"], result.Paths.Select(Describe));
    }

    [Fact]
    public void FindPaths_AllSimple_ReturnsEverySimplePathWithinTheHopLimit()
    {
        // a square with a diagonal: a-b-d, a-c-d, a-b-c-d, a-c-b-d
        var graph = new TestGraph().Edge("a", "b").Edge("b", "d").Edge("a", "c").Edge("c", "d").Edge("b", "c");
        using var index = graph.Build();

        var three = Find(index, "a", "d", PathMode.AllSimple, k: 50, maxHops: 3);
        var two = Find(index, "a", "d", PathMode.AllSimple, k: 50, maxHops: 2);

        Assert.Equal(["a>b>d", "a>c>d", "a>b>c>d", "a>c>b>d"], three.Paths.Select(Describe));
        Assert.Equal(2, two.Paths.Count);
    }

    [Theory]
    [InlineData(PathMode.Shortest)]
    [InlineData(PathMode.KShortest)]
    [InlineData(PathMode.AllSimple)]
    public void FindPaths_TypeFilterRemovesTheDirectFact_TakesTheLongerValidRoute(PathMode mode)
    {
        var graph = new TestGraph()
            .Edge("a", "d", RelationType.Funds)
            .Edge("a", "b", RelationType.AssociatedWith).Edge("b", "c", RelationType.AssociatedWith).Edge("c", "d", RelationType.AssociatedWith);
        using var index = graph.Build();
        var filter = new PathFilter { Types = new HashSet<RelationType> { RelationType.AssociatedWith } };

        var result = Find(index, "a", "d", mode, filter: filter);

        Assert.Equal("a>b>c>d", Describe(Assert.Single(result.Paths)));
    }

    [Fact]
    public void FindPaths_MinConfidenceRemovesTheDirectFact_TakesTheLongerRoute()
    {
        var graph = new TestGraph().Edge("a", "d", confidence: 0.3).Edge("a", "b", confidence: 0.9).Edge("b", "d", confidence: 0.9);
        using var index = graph.Build();

        var unfiltered = Find(index, "a", "d");
        var filtered = Find(index, "a", "d", filter: new PathFilter { MinConfidence = 0.9 });

        Assert.Equal("a>d", Describe(Assert.Single(unfiltered.Paths)));
        Assert.Equal("a>b>d", Describe(Assert.Single(filtered.Paths)));
    }

    [Fact]
    public void FindPaths_MinDocsRemovesTheDirectFact_TakesTheLongerRoute()
    {
        var graph = new TestGraph().Edge("a", "d", docs: 1).Edge("a", "b", docs: 2).Edge("b", "c", docs: 2).Edge("c", "d", docs: 5);
        using var index = graph.Build();

        var result = Find(index, "a", "d", filter: new PathFilter { MinDocs = 2 });

        Assert.Equal("a>b>c>d", Describe(Assert.Single(result.Paths)));
    }

    [Fact]
    public void FindPaths_MiddleKindFilterExcludesTheShortcutEntity_TakesTheLongerRoute()
    {
        var graph = new TestGraph()
            .Node("a", EntityKind.Person).Node("d", EntityKind.Person)
            .Node("contract", EntityKind.Contract).Node("p1", EntityKind.Person).Node("p2", EntityKind.Person)
            .Edge("a", "contract", RelationType.PartyTo).Edge("d", "contract", RelationType.PartyTo)
            .Edge("a", "p1").Edge("p1", "p2").Edge("p2", "d");
        using var index = graph.Build();
        var filter = new PathFilter { MiddleKinds = new HashSet<EntityKind> { EntityKind.Person } };

        var result = Find(index, "a", "d", filter: filter);

        Assert.Equal("a>p1>p2>d", Describe(Assert.Single(result.Paths)));
    }

    [Fact]
    public void FindPaths_MiddleKindFilter_DoesNotApplyToTheEndpoints()
    {
        var graph = new TestGraph()
            .Node("c1", EntityKind.Contract).Node("c2", EntityKind.Contract).Node("org", EntityKind.Organisation)
            .Edge("c1", "org", RelationType.AwardedBy).Edge("c2", "org", RelationType.AwardedBy);
        using var index = graph.Build();
        var filter = new PathFilter { MiddleKinds = new HashSet<EntityKind> { EntityKind.Organisation } };

        Assert.Single(Find(index, "c1", "c2", filter: filter).Paths);
    }

    [Fact]
    public void FindPaths_DateWindowExcludesTheDirectFact_TakesTheLongerRoute()
    {
        var graph = new TestGraph().Edge("a", "d", reported: Y2019).Edge("a", "b", reported: Y2022).Edge("b", "d", reported: Y2022);
        using var index = graph.Build();
        var from2020 = new PathFilter { ReportedFrom = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var until2020 = new PathFilter { ReportedTo = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        Assert.Equal("a>b>d", Describe(Assert.Single(Find(index, "a", "d", filter: from2020).Paths)));
        Assert.Equal("a>d", Describe(Assert.Single(Find(index, "a", "d", filter: until2020).Paths)));
    }

    [Fact]
    public void FindPaths_DegreeCap_RoutesAroundHubsButNotAroundEndpoints()
    {
        var graph = new TestGraph().Edge("a", "hub").Edge("hub", "d").Edge("a", "x").Edge("x", "y").Edge("y", "d");
        for (var i = 0; i < 10; i++)
        {
            graph.Edge("hub", $"spoke{i}");
        }

        using var index = graph.Build();
        var capped = new PathFilter { MaxDegree = 5 };

        Assert.Equal("a>hub>d", Describe(Assert.Single(Find(index, "a", "d").Paths)));
        Assert.Equal("a>x>y>d", Describe(Assert.Single(Find(index, "a", "d", filter: capped).Paths)));
        Assert.Single(Find(index, "hub", "y", filter: capped).Paths);
    }

    [Fact]
    public void FindPaths_NoRouteWithinMaxHops_ReturnsNothing()
    {
        var graph = new TestGraph().Edge("a", "b").Edge("b", "c").Edge("c", "d");
        using var index = graph.Build();

        Assert.Empty(Find(index, "a", "d", maxHops: 2).Paths);
        Assert.Empty(Find(index, "a", "unknown").Paths);
        Assert.Single(Find(index, "a", "d", maxHops: 3).Paths);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(7, 3)]
    [InlineData(4, 0)]
    [InlineData(4, 51)]
    public void FindPaths_OverTheBounds_ThrowsArgumentOutOfRange(int maxHops, int k)
    {
        using var index = new TestGraph().Edge("a", "b").Build();
        var request = new PathRequest { FromId = "a", ToId = "b", MaxHops = maxHops, K = k };

        Assert.Throws<ArgumentOutOfRangeException>(() => index.FindPaths(request, TimeProvider.System, long.MaxValue, Ct));
    }

    [Fact]
    public void FindPaths_BadFilterValues_ThrowArgumentOutOfRange()
    {
        using var index = new TestGraph().Edge("a", "b").Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => Find(index, "a", "b", filter: new PathFilter { MinConfidence = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Find(index, "a", "b", filter: new PathFilter { MaxDegree = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FindPaths(
            new PathRequest { FromId = "a", ToId = "b", Timeout = TimeSpan.Zero }, TimeProvider.System, long.MaxValue, Ct));
    }

    [Theory]
    [InlineData(PathMode.Shortest)]
    [InlineData(PathMode.KShortest)]
    [InlineData(PathMode.AllSimple)]
    public void FindPaths_DeadlineAlreadyPassed_AnswersTimedOutInsteadOfSearching(PathMode mode)
    {
        using var index = RandomGraph.Build(nodes: 50_000, edgesPerNode: 3, seed: 7);
        var request = new PathRequest { FromId = RandomGraph.Id(1), ToId = RandomGraph.Id(49_999), Mode = mode, MaxHops = 6, K = 50 };

        var result = index.FindPaths(request, TimeProvider.System, TimeProvider.System.GetTimestamp() - 1, Ct);

        Assert.True(result.TimedOut);
        Assert.Empty(result.Paths);
    }

    [Fact]
    public void FindPaths_CancelledToken_AnswersTimedOut()
    {
        using var index = RandomGraph.Build(nodes: 50_000, edgesPerNode: 3, seed: 7);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var request = new PathRequest { FromId = RandomGraph.Id(1), ToId = RandomGraph.Id(49_999), Mode = PathMode.AllSimple, MaxHops = 6, K = 50 };

        var result = index.FindPaths(request, TimeProvider.System, long.MaxValue, cancelled.Token);

        Assert.True(result.TimedOut);
    }

    [Fact]
    public void FindPaths_DeadlinePassesMidSearch_StopsAndKeepsWhatItFound()
    {
        var graph = new TestGraph();
        for (var i = 0; i < 60; i++)
        {
            for (var j = i + 1; j < 60; j++)
            {
                graph.Edge($"n{i:D2}", $"n{j:D2}");
            }
        }

        using var index = graph.Build();
        var request = new PathRequest { FromId = "n00", ToId = "n59", Mode = PathMode.AllSimple, MaxHops = 6, K = 50 };
        var clock = new SteppingTimeProvider();

        // the clock moves one step per look (every 1024 edges): the deadline passes a few thousand edges in, wherever the search is
        var result = index.FindPaths(request, clock, deadline: 6, Ct);

        Assert.True(result.TimedOut);
        Assert.NotEmpty(result.Paths);
        Assert.All(result.Paths, p => Assert.Equal(p.NodeIds.Count, p.NodeIds.Distinct().Count()));
    }

    [Fact]
    public void FindPaths_RandomGraphs_KShortestMatchesBruteForceLengths()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            var graph = new TestGraph();
            for (var e = 0; e < 40; e++)
            {
                var a = random.Next(18);
                var b = random.Next(18);
                if (a != b)
                {
                    graph.Edge($"n{a}", $"n{b}", (RelationType)random.Next(12), docs: 1 + random.Next(3));
                }
            }

            graph.Node("n0").Node("n17");
            using var index = graph.Build();
            var expected = graph.AllSimplePathLengths("n0", "n17", maxHops: 5);

            var k = Find(index, "n0", "n17", PathMode.KShortest, k: 12, maxHops: 5);
            var all = Find(index, "n0", "n17", PathMode.AllSimple, k: 50, maxHops: 5);
            var shortest = Find(index, "n0", "n17", PathMode.Shortest, k: 50, maxHops: 5);

            Assert.Equal(expected.Take(12), k.Paths.Select(p => p.Hops.Count));
            Assert.Equal(expected.Take(50), all.Paths.Select(p => p.Hops.Count));
            Assert.Equal(expected.TakeWhile(l => l == expected.FirstOrDefault()).Take(50), shortest.Paths.Select(p => p.Hops.Count));
            Assert.All(k.Paths.Concat(all.Paths), p => Assert.Equal(p.NodeIds.Count, p.NodeIds.Distinct().Count()));
            Assert.Equal(k.Paths.Count, k.Paths.Select(p => string.Join('|', p.Hops.Select(h => h.FactKey))).Distinct().Count());
        }
    }

    [Fact]
    public void Apply_ManyIncrementalChanges_EqualsAFullRebuild()
    {
        var random = new Random(42);
        var graph = new TestGraph();
        for (var i = 0; i < 300; i++)
        {
            graph.Edge($"n{random.Next(200)}", $"m{random.Next(200)}", (RelationType)random.Next(12), docs: 1 + random.Next(4));
        }

        using var index = graph.Build();
        index.MinCompactionEntries = 64;
        for (var round = 0; round < 60; round++)
        {
            var upserts = new List<IndexedFact>();
            var removals = new List<string>();
            var entities = new List<IndexedEntity>();
            for (var change = 0; change < 100; change++)
            {
                var existing = graph.Facts.Keys.ElementAt(random.Next(graph.Facts.Count));
                switch (random.Next(3))
                {
                    case 0:
                        removals.Add(existing);
                        graph.Facts.Remove(existing);
                        break;
                    case 1:
                        var updated = graph.Facts[existing] with { DocCount = 1 + random.Next(9), Confidence = random.NextDouble() };
                        graph.Facts[existing] = updated;
                        upserts.Add(updated);
                        break;
                    default:
                        var newNode = $"new{round}_{change}";
                        var oldNode = $"n{random.Next(200)}";
                        var added = graph.AddNode(newNode, EntityKind.Organisation).MakeFact(oldNode, newNode, RelationType.Owns, 0.8, 1, null);
                        entities.Add(graph.Entities[newNode]);
                        entities.Add(graph.Entities[oldNode]);
                        upserts.Add(added);
                        break;
                }
            }

            // an upsert and a removal of the same key in one delta: removals apply first
            var removed = removals.Distinct().ToList();
            index.Apply(new PathIndexDelta(entities, [], [.. upserts.Where(u => graph.Facts.ContainsKey(u.FactKey))], removed));
        }

        using var rebuilt = graph.Build();

        Assert.Equal(rebuilt.DescribeAdjacency(), index.DescribeAdjacency());
        Assert.Equal(rebuilt.EdgeCount, index.EdgeCount);
        Assert.InRange(index.Compactions, 1, 59);
        foreach (var (from, to) in new[] { ("n1", "m2"), ("n5", "n7"), ("m3", "new59_0"), ("n10", "m150") })
        {
            var expected = Find(rebuilt, from, to, PathMode.KShortest, k: 5).Paths.Select(Describe);
            Assert.Equal(expected, Find(index, from, to, PathMode.KShortest, k: 5).Paths.Select(Describe));
        }
    }

    [Fact]
    public void Apply_HubsGainAndLoseManyFactsOneDeltaAtATime_EqualsAFullRebuild()
    {
        var random = new Random(7);
        var graph = new TestGraph();
        string[] hubs = ["hub0", "hub1", "hub2"];
        for (var i = 0; i < 200; i++)
        {
            graph.Edge(hubs[i % 3], $"leaf{i}", RelationType.Owns);
        }

        using var index = graph.Build();
        index.MinCompactionEntries = 256;
        var removedFacts = new List<IndexedFact>();
        for (var round = 0; round < 400; round++)
        {
            var hub = hubs[random.Next(hubs.Length)];
            var upserts = new List<IndexedFact>();
            var entities = new List<IndexedEntity>();
            for (var i = 0; i < 1 + random.Next(4); i++)
            {
                var leaf = $"leaf{random.Next(1500)}";
                var type = (RelationType)random.Next(12);
                if (graph.Facts.ContainsKey($"{hub}-{type.ToWireName()}-{leaf}"))
                {
                    continue;
                }

                upserts.Add(graph.MakeFact(hub, leaf, type, 0.5 + (random.NextDouble() / 2), 1 + random.Next(3), null));
                entities.Add(graph.Entities[hub]);
                entities.Add(graph.Entities[leaf]);
            }

            var removals = new List<string>();
            if (round % 3 == 0)
            {
                // removals apply before upserts within a delta, so this round's new facts are not candidates
                var hubFacts = graph.Facts.Keys.Where(k => k.StartsWith(hub + "-", StringComparison.Ordinal) && !upserts.Exists(u => u.FactKey == k)).ToList();
                foreach (var key in hubFacts.OrderBy(_ => random.Next()).Take(random.Next(6)))
                {
                    removals.Add(key);
                    removedFacts.Add(graph.Facts[key]);
                    graph.Facts.Remove(key);
                }
            }

            // now and then a fact removed earlier comes back, reusing a freed slot or taking a new one
            if (round % 7 == 0 && removedFacts.Count > 0)
            {
                var back = removedFacts[random.Next(removedFacts.Count)] with { DocCount = 2 };
                if (!graph.Facts.ContainsKey(back.FactKey) && !removals.Contains(back.FactKey))
                {
                    graph.Facts[back.FactKey] = back;
                    upserts.Add(back);
                }
            }

            index.Apply(new PathIndexDelta(entities, [], upserts, removals));
        }

        using var rebuilt = graph.Build();

        Assert.Equal(rebuilt.DescribeAdjacency(), index.DescribeAdjacency());
        Assert.Equal(rebuilt.EdgeCount, index.EdgeCount);
        Assert.Equal(graph.Facts.Count, index.EdgeCount);
        Assert.InRange(index.Compactions, 1, 20);
        // hubs share hundreds of leaves: more equally short paths than a search enumerates, so which ones it
        // ranks depends on adjacency order (rebuilds differ there too); the lengths must agree
        foreach (var (from, to) in new[] { ("hub0", "hub1"), ("leaf3", "leaf4"), ("leaf10", "hub2"), ("leaf700", "leaf1400") })
        {
            var expected = Find(rebuilt, from, to, PathMode.KShortest, k: 5).Paths.Select(p => p.Hops.Count);
            Assert.Equal(expected, Find(index, from, to, PathMode.KShortest, k: 5).Paths.Select(p => p.Hops.Count));
        }
    }

    [Fact]
    public void Apply_Compacting_LetsSearchesRunWhileTheNewArraysAreLaidOut()
    {
        var graph = new TestGraph();
        for (var i = 0; i < 16; i++)
        {
            graph.Edge($"a{i}", $"a{i + 1}");
        }

        using var index = graph.Build();
        index.MinCompactionEntries = 8;
        var searchesDuringCompaction = new List<string>();
        index.CompactionLaidOut = () =>
        {
            // on another thread, as a request would be: it waits if the write lock is held
            var search = Task.Run(() => Describe(Assert.Single(Find(index, "a0", "b4", maxHops: 6).Paths)), Ct);
            Assert.True(search.Wait(TimeSpan.FromSeconds(30), Ct), "a search was blocked by the compaction");
            searchesDuringCompaction.Add(search.Result);
        };
        var added = Enumerable.Range(0, 5).Select(i => graph.MakeFact(i == 0 ? "a0" : $"b{i - 1}", $"b{i}", RelationType.Funds, 0.9, 1, null)).ToList();

        index.Apply(new PathIndexDelta([.. added.SelectMany(f => new[] { graph.Entities[f.SubjectId], graph.Entities[f.ObjectId] })], [], added, []));

        Assert.Equal(1, index.Compactions);
        Assert.Equal(["a0>b0>b1>b2>b3>b4"], searchesDuringCompaction);
        using var rebuilt = graph.Build();
        Assert.Equal(rebuilt.DescribeAdjacency(), index.DescribeAdjacency());
    }

    [Fact]
    public void PathIndexBuilder_MisuseAndUnknownEndpoints_FailClearly()
    {
        var builder = new PathIndexBuilder(4, 4);
        builder.AddEntity("a", EntityKind.Person);
        builder.AddEntity("b", EntityKind.Organisation);
        builder.AddFact("a-b", RelationType.EmployedBy, builder.EntityNumber("a"), builder.EntityNumber("b"), 0.9, 1, null);

        var unknown = Assert.Throws<InvalidOperationException>(() => builder.AddFact("a-c", RelationType.Owns, "a".AsSpan(), "c".AsSpan(), 0.9, 1, null));
        Assert.Contains("'c'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddFact("a-?", RelationType.Owns, 0, 7, 0.9, 1, null));
        Assert.Throws<InvalidOperationException>(() => builder.AddEntity("late", EntityKind.Person));
        using var index = builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Equal(["a>b"], Find(index, "a", "b").Paths.Select(Describe));
        Assert.Equal(1, index.EdgeCount);
    }

    [Fact]
    public void GetNeighbours_FiltersAndRanksByEvidence()
    {
        var graph = new TestGraph()
            .Node("org", EntityKind.Organisation).Node("p1", EntityKind.Person).Node("p2", EntityKind.Person).Node("c", EntityKind.Contract)
            .Edge("p1", "org", RelationType.EmployedBy, docs: 1)
            .Edge("p2", "org", RelationType.EmployedBy, docs: 4)
            .Edge("org", "c", RelationType.PartyTo, docs: 2, confidence: 0.4);
        using var index = graph.Build();

        var all = index.GetNeighbours("org", PathFilter.None, 10);
        var confident = index.GetNeighbours("org", new PathFilter { MinConfidence = 0.5 }, 10);

        Assert.Equal(["p2", "c", "p1"], all.Select(n => n.NeighbourId));
        Assert.Equal([false, true, false], all.Select(n => n.Outgoing));
        Assert.Equal(["p2", "p1"], confident.Select(n => n.NeighbourId));
        Assert.Single(index.GetNeighbours("org", PathFilter.None, 1));
    }

    [Fact]
    public void FindPaths_ManyThreadsAtOnce_ShareAFewBufferSetsAndAnswerAsAlone()
    {
        using var index = RandomGraph.Build(nodes: 20_000, edgesPerNode: 3, seed: 11);
        var requests = Enumerable.Range(0, 64)
            .Select(i => new PathRequest { FromId = RandomGraph.Id(i * 7), ToId = RandomGraph.Id(19_999 - (i * 13)), Mode = (PathMode)(i % 3), MaxHops = 5, K = 3 })
            .ToList();
        var alone = requests.Select(r => Describe(index.FindPaths(r, TimeProvider.System, long.MaxValue, Ct))).ToList();

        var together = new string[requests.Count];
        using var start = new Barrier(16);
        var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
        {
            start.SignalAndWait(Ct);
            for (var i = t; i < requests.Count; i += 16)
            {
                together[i] = Describe(index.FindPaths(requests[i], TimeProvider.System, long.MaxValue, Ct));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(alone, together);
        // buffers are sized to the graph (34 MB at a million entities): 16 threads must not mean 16 sets
        Assert.InRange(index.SearchBuffersCreated, 1, Math.Max(2, Environment.ProcessorCount));
    }

    private static string Describe(PathSearchResult result) =>
        $"{result.TimedOut}:" + string.Join('|', result.Paths.Select(p => string.Join('>', p.NodeIds) + "/" + string.Join(',', p.Hops.Select(h => h.FactKey))));

    private static PathSearchResult Find(PathIndex index, string from, string to, PathMode mode = PathMode.Shortest, int k = 3, int maxHops = 4, PathFilter? filter = null) =>
        index.FindPaths(new PathRequest { FromId = from, ToId = to, Mode = mode, K = k, MaxHops = maxHops, Filter = filter ?? PathFilter.None },
            TimeProvider.System, long.MaxValue, Ct);

    private static string Describe(FoundPath path) => string.Join('>', path.NodeIds);

    /// <summary>A clock that moves one tick each time it is read, so a deadline passes after a set amount of work.</summary>
    private sealed class SteppingTimeProvider : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => Interlocked.Increment(ref _now);
    }
}
