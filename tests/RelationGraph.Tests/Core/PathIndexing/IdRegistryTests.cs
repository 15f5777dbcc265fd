using System.Text;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;

namespace RelationGraph.Tests.Core.PathIndexing;

/// <summary>Ids as numbers in the path index: canonical shapes as 64-bit numbers, everything else exactly as given.</summary>
public sealed class IdRegistryTests
{
    private static readonly string[] EntityPrefixes = [.. EntityKinds.All.Select(EntityKinds.Prefix)];

    // canonical, then shapes that must stay strings: upper-case hex, 15 and 17 digits, unknown prefix, no underscore, non-ASCII, empty
    private static readonly string[] MixedIds =
    [
        "per_0123456789abcdef", "org_ffffffffffffffff", "con_0000000000000000", "inv_8000000000000001",
        StableId.Entity(EntityKind.Person, "Some Person"),
        "per_0123456789ABCDEF", "per_0123456789abcde", "per_0123456789abcdef0", "xyz_0123456789abcdef", "per-0123456789abcdef",
        "pér_0123456789abcdef", "per_０123456789abcdef", "a", "",
    ];

    [Fact]
    public void GetOrAdd_CanonicalAndOtherShapes_RoundTripExactlyFromCharsAndBytes()
    {
        var registry = new IdRegistry(EntityPrefixes, 4);
        for (var i = 0; i < MixedIds.Length; i++)
        {
            var number = i % 2 == 0
                ? registry.GetOrAdd(MixedIds[i], i, out var added)
                : registry.GetOrAdd(Encoding.UTF8.GetBytes(MixedIds[i]), i, out added);
            Assert.True(added, MixedIds[i]);
            Assert.Equal(i, number);
        }

        for (var i = 0; i < MixedIds.Length; i++)
        {
            Assert.Equal(MixedIds[i], registry.IdOf(i));
            Assert.True(registry.TryGet(MixedIds[i], out var byChars));
            Assert.True(registry.TryGet(Encoding.UTF8.GetBytes(MixedIds[i]), out var byBytes));
            Assert.Equal(i, byChars);
            Assert.Equal(i, byBytes);
            Assert.Equal(i, registry.GetOrAdd(MixedIds[i], 999, out var addedAgain));
            Assert.False(addedAgain);
        }

        Assert.Equal(MixedIds.Length, registry.Count);
        Assert.Equal(MixedIds.Length - 5, registry.SideCount);
    }

    [Theory]
    [InlineData("org_00000000000000ab")]
    [InlineData("per_00000000000000AB")]
    [InlineData("per_00000000000000ac")]
    [InlineData("per_00000000000000ab ")]
    [InlineData("fact_00000000000000ab")]
    public void TryGet_UnknownIdSharingAKnownIdsNumberOrText_IsNotFound(string unknown)
    {
        var registry = new IdRegistry(EntityPrefixes, 4);
        registry.GetOrAdd("per_00000000000000ab", 0, out _);

        Assert.False(registry.TryGet(unknown, out _));
        Assert.False(registry.TryGet(Encoding.UTF8.GetBytes(unknown), out _));
        Assert.False(registry.Remove(unknown, out _));
        Assert.True(registry.TryGet("per_00000000000000ab", out var known));
        Assert.Equal(0, known);
    }

    [Fact]
    public void GetOrAdd_TwoIdsWithTheSameNumber_StayDistinctThroughRemovalAndReAdding()
    {
        var registry = new IdRegistry(EntityPrefixes, 4);
        Assert.Equal(0, registry.GetOrAdd("per_00000000000000ab", 0, out _));
        Assert.Equal(1, registry.GetOrAdd(Encoding.UTF8.GetBytes("org_00000000000000ab"), 1, out var added));
        Assert.True(added);
        Assert.Equal(2, registry.GetOrAdd("con_00000000000000ab", 2, out _));
        Assert.Equal(["per_00000000000000ab", "org_00000000000000ab", "con_00000000000000ab"], [registry.IdOf(0), registry.IdOf(1), registry.IdOf(2)]);

        Assert.True(registry.Remove("per_00000000000000ab", out var removed));
        Assert.Equal(0, removed);
        Assert.False(registry.TryGet("per_00000000000000ab", out _));
        Assert.True(registry.TryGet(Encoding.UTF8.GetBytes("org_00000000000000ab"), out var org));
        Assert.Equal(1, org);

        // the number is free in the table now, but org_ is still held (on the side): it must not be added twice
        Assert.Equal(1, registry.GetOrAdd("org_00000000000000ab", 7, out added));
        Assert.False(added);
        Assert.Equal(3, registry.GetOrAdd("per_00000000000000ab", 3, out added));
        Assert.True(added);
        Assert.Equal(3, registry.Count);
        Assert.Equal("per_00000000000000ab", registry.IdOf(3));
    }

    [Fact]
    public void AddAndRemove_RandomIdsCrowdedOntoFewNumbers_BehaveAsADictionary()
    {
        var random = new Random(17);
        var registry = new IdRegistry(EntityPrefixes, 4);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var free = new Stack<int>();
        var next = 0;
        for (var step = 0; step < 20_000; step++)
        {
            // 64 numbers under 4 prefixes: long probe runs, collisions between prefixes, and some non-canonical ids
            var value = (ulong)random.Next(64) * 0x0101010101010101UL;
            var id = random.Next(10) == 0
                ? $"per_{value:X16}"
                : $"{EntityPrefixes[random.Next(4)]}_{value:x16}";
            if (random.Next(3) == 0)
            {
                var removed = registry.Remove(id, out var number);
                Assert.Equal(expected.Remove(id, out var expectedNumber), removed);
                if (removed)
                {
                    Assert.Equal(expectedNumber, number);
                    free.Push(number);
                }
            }
            else
            {
                var candidate = free.Count > 0 ? free.Peek() : next;
                var number = step % 2 == 0 ? registry.GetOrAdd(id, candidate, out var added) : registry.GetOrAdd(Encoding.UTF8.GetBytes(id), candidate, out added);
                Assert.Equal(!expected.ContainsKey(id), added);
                if (added)
                {
                    expected[id] = number;
                    _ = free.Count > 0 ? free.Pop() : next++;
                }

                Assert.Equal(expected[id], number);
            }

            if (step % 500 == 0)
            {
                Assert.Equal(expected.Count, registry.Count);
                foreach (var (known, number) in expected)
                {
                    Assert.True(registry.TryGet(known, out var found), known);
                    Assert.Equal(number, found);
                    Assert.Equal(known, registry.IdOf(number));
                }
            }
        }
    }

    [Fact]
    public void CompareIds_MixedShapes_OrdersAsOrdinalStrings()
    {
        var registry = new IdRegistry(EntityPrefixes, 4);
        string[] ids = [.. MixedIds, "org_00000000000000ab", "per_00000000000000ab", "per_f000000000000000", "inv_", "con_0"];
        for (var i = 0; i < ids.Length; i++)
        {
            registry.GetOrAdd(ids[i], i, out _);
        }

        var byRegistry = Enumerable.Range(0, ids.Length).ToList();
        byRegistry.Sort(registry.CompareIds);

        Assert.Equal(ids.Order(StringComparer.Ordinal), byRegistry.Select(registry.IdOf));
    }

    [Fact]
    public void Constructor_PrefixesOfDifferentLengths_AreRejected() =>
        Assert.Throws<ArgumentException>(() => new IdRegistry(["per", "fact"], 4));
}
