using System.Text;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;

namespace RelationGraph.Tests.Core.PathIndexing;

/// <summary>The path index with ids of the canonical <see cref="StableId"/> shape (held as numbers) mixed with any other ids.</summary>
public sealed class PathIndexIdTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void FindPaths_CanonicalIdsAddedAsBytes_AnswerWithTheExactIdsAndKeys()
    {
        var person = StableId.Entity(EntityKind.Person, "Ada Example");
        var organisation = StableId.Entity(EntityKind.Organisation, "Example Works");
        var contract = StableId.Entity(EntityKind.Contract, "Contract 7");
        // same hex as the person under another prefix, and upper-case hex: three more distinct entities
        var twin = "org_" + person[4..];
        var upper = "per_" + person[4..].ToUpperInvariant();
        var employs = StableId.Fact(RelationType.EmployedBy, person, organisation);
        var party = StableId.Fact(RelationType.PartyTo, organisation, contract);
        var twinFact = "FACT_" + employs[5..];

        var builder = new PathIndexBuilder(2, 2);
        foreach (var (id, kind) in new[] { (person, EntityKind.Person), (organisation, EntityKind.Organisation), (contract, EntityKind.Contract), (twin, EntityKind.Organisation), (upper, EntityKind.Person) })
        {
            builder.AddEntity(Encoding.UTF8.GetBytes(id), kind);
        }

        builder.AddFact(Encoding.UTF8.GetBytes(employs), RelationType.EmployedBy, Number(person), Number(organisation), 0.9, 2, null);
        builder.AddFact(Encoding.UTF8.GetBytes(party), RelationType.PartyTo, Number(organisation), Number(contract), 0.8, 1, null);
        builder.AddFact(Encoding.UTF8.GetBytes(twinFact), RelationType.AssociatedWith, Number(twin), Number(upper), 0.5, 1, null);
        using var index = builder.Build();

        var found = Find(index, person, contract);
        var twins = Find(index, twin, upper);

        var path = Assert.Single(found.Paths);
        Assert.Equal([person, organisation, contract], path.NodeIds);
        Assert.Equal([employs, party], path.Hops.Select(h => h.FactKey));
        Assert.Equal(twinFact, Assert.Single(Assert.Single(twins.Paths).Hops).FactKey);
        Assert.Empty(Find(index, twin, contract).Paths);
        Assert.Empty(Find(index, "inv_" + person[4..], contract).Paths);
        Assert.Equal([(employs, person, false), (party, contract, true)], index.GetNeighbours(organisation, PathFilter.None, 5).Select(n => (n.FactKey, n.NeighbourId, n.Outgoing)));
        Assert.Equal(5, index.NodeCount);
        Assert.Equal((2, 1), index.SideTableCounts);

        int Number(string id) => builder.EntityNumber(Encoding.UTF8.GetBytes(id));
    }

    [Fact]
    public void Apply_FactsWithCanonicalOtherAndCollidingIds_EqualsAFullRebuild()
    {
        var random = new Random(23);
        var graph = new TestGraph();
        string[] prefixes = [.. EntityKinds.All.Select(EntityKinds.Prefix)];

        // 40 numbers under four prefixes (the same hex under two prefixes is two entities), one in ten upper-case
        string EntityId()
        {
            var id = $"{prefixes[random.Next(4)]}_{(ulong)random.Next(40) * 0x9E3779B97F4A7C15UL:x16}";
            return random.Next(10) == 0 ? id.ToUpperInvariant() : id;
        }

        string FactKey(int i) => random.Next(4) switch
        {
            0 => $"legacy-{i}",
            1 => $"fact_{(ulong)i * 0x9E3779B97F4A7C15UL:X16}",
            _ => $"fact_{(ulong)i * 0x9E3779B97F4A7C15UL:x16}",
        };

        IndexedFact NewFact(int i)
        {
            var subject = EntityId();
            var obj = EntityId();
            graph.Node(subject, EntityKind.Person).Node(obj, EntityKind.Organisation);
            var fact = new IndexedFact(FactKey(i), (RelationType)random.Next(12), subject, obj, random.NextDouble(), 1 + random.Next(4), null);
            graph.Facts[fact.FactKey] = fact;
            return fact;
        }

        var next = 0;
        for (; next < 200; next++)
        {
            NewFact(next);
        }

        using var index = graph.Build();
        index.MinCompactionEntries = 32;
        for (var round = 0; round < 40; round++)
        {
            var removed = graph.Facts.Keys.OrderBy(_ => random.Next()).Take(10).ToList();
            foreach (var key in removed)
            {
                graph.Facts.Remove(key);
            }

            var added = Enumerable.Range(0, 10).Select(_ => NewFact(next++)).ToList();
            index.Apply(new PathIndexDelta([.. graph.Entities.Values], [], added, removed));
        }

        using var rebuilt = graph.Build();

        Assert.Equal(rebuilt.DescribeAdjacency(), index.DescribeAdjacency());
        Assert.Equal(graph.Facts.Count(f => f.Value.SubjectId != f.Value.ObjectId), index.EdgeCount);
        Assert.True(index.Compactions > 0);
        var ids = graph.Entities.Keys.ToList();
        for (var i = 0; i < 30; i++)
        {
            foreach (var path in Find(index, ids[random.Next(ids.Count)], ids[random.Next(ids.Count)]).Paths)
            {
                for (var hop = 0; hop < path.Hops.Count; hop++)
                {
                    var fact = graph.Facts[path.Hops[hop].FactKey];
                    var (from, to) = path.Hops[hop].Forward ? (fact.SubjectId, fact.ObjectId) : (fact.ObjectId, fact.SubjectId);
                    Assert.Equal((from, to), (path.NodeIds[hop], path.NodeIds[hop + 1]));
                }
            }
        }
    }

    [Fact]
    public void AddFacts_ABatchOfRows_EqualsAddingThemOneByOne()
    {
        var random = new Random(9);
        var ids = Enumerable.Range(0, 50).Select(i => i % 7 == 0 ? $"odd-{i}" : $"{EntityKinds.Prefix((EntityKind)(i % 4))}_{(ulong)i * 0x9E3779B97F4A7C15UL:x16}").ToArray();
        // 100 rows: keys repeat (a later row replaces an earlier one), some are self-loops, some are not canonical
        var rows = Enumerable.Range(0, 100).Select(i => (
            Key: i % 9 == 0 ? $"FACT_{i % 40:D16}" : $"fact_{(ulong)(i % 40) * 0x9E3779B97F4A7C15UL:x16}",
            Type: (RelationType)random.Next(12), Subject: ids[random.Next(ids.Length)], Object: ids[random.Next(ids.Length)],
            Confidence: random.NextDouble(), Docs: 1 + random.Next(5), Reported: random.Next(3) == 0 ? (DateTimeOffset?)null : new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i))).ToArray();

        var oneByOne = new PathIndexBuilder(4, 4);
        var batched = new PathIndexBuilder(4, 4);
        foreach (var id in ids)
        {
            oneByOne.AddEntity(id, EntityKind.Person);
            batched.AddEntity(Encoding.UTF8.GetBytes(id), EntityKind.Person);
        }

        foreach (var row in rows)
        {
            oneByOne.AddFact(row.Key, row.Type, row.Subject, row.Object, row.Confidence, row.Docs, row.Reported);
        }

        var (subjectBytes, subjectEnds) = Concatenate(rows.Select(r => r.Subject));
        var (objectBytes, objectEnds) = Concatenate(rows.Select(r => r.Object));
        var (keyBytes, keyEnds) = Concatenate(rows.Select(r => r.Key));
        var subjects = new int[rows.Length];
        var objects = new int[rows.Length];
        batched.EntityNumbers(subjectBytes, subjectEnds, subjects);
        batched.EntityNumbers(objectBytes, objectEnds, objects);
        batched.AddFacts(keyBytes, keyEnds, [.. rows.Select(r => r.Type)], subjects, objects, [.. rows.Select(r => r.Confidence)], [.. rows.Select(r => r.Docs)], [.. rows.Select(r => r.Reported)]);
        using var expected = oneByOne.Build();
        using var actual = batched.Build();

        Assert.Equal(expected.DescribeAdjacency(), actual.DescribeAdjacency());
        Assert.Equal(expected.EdgeCount, actual.EdgeCount);
    }

    [Fact]
    public void EntityNumbers_AnUnknownIdAmongKnownOnes_FailsNamingIt()
    {
        var builder = new PathIndexBuilder(4, 4);
        builder.AddEntity("per_00000000000000ab"u8, EntityKind.Person);
        builder.AddEntity("legacy"u8, EntityKind.Person);
        var (bytes, ends) = Concatenate(["legacy", "per_00000000000000ab", "org_00000000000000ab", "legacy"]);

        var error = Assert.Throws<InvalidOperationException>(() => builder.EntityNumbers(bytes, ends, new int[4]));

        Assert.Contains("'org_00000000000000ab'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => builder.AddFacts("fact_00000000000000ab"u8, [21], [RelationType.Owns], [0], [], [0.5], [1], [null]));
    }

    private static (byte[] Bytes, int[] Ends) Concatenate(IEnumerable<string> ids)
    {
        var bytes = new List<byte>();
        var ends = new List<int>();
        foreach (var id in ids)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(id));
            ends.Add(bytes.Count);
        }

        return ([.. bytes], [.. ends]);
    }

    private static PathSearchResult Find(PathIndex index, string from, string to) =>
        index.FindPaths(new PathRequest { FromId = from, ToId = to, Mode = PathMode.Shortest, K = 3, MaxHops = 6, Filter = PathFilter.None },
            TimeProvider.System, long.MaxValue, Ct);
}
