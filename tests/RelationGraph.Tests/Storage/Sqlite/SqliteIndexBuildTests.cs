using System.Globalization;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>The index build from SQLite rows (raw UTF-8 reads, two threads), against <see cref="PathIndex.Build"/> over the same rows.</summary>
public sealed class SqliteIndexBuildTests : SqliteStoreTestBase
{
    [Fact]
    public async Task BuildIndexAsync_RowsInEveryFormTheColumnsAllow_EqualsABuildFromTheParsedRows()
    {
        var longId = "org_" + new string('x', 300);
        IndexedEntity[] entities =
        [
            new("per_a", EntityKind.Person),
            new("organisation-ünïcode-Ω", EntityKind.Organisation),
            new(longId, EntityKind.Organisation),
            new("con_c", EntityKind.Contract),
        ];
        string[] kindTexts = ["Person", "organization", "ORGANISATION", "Contract"];
        IndexedFact[] facts =
        [
            new("f1", RelationType.Owns, "per_a", "organisation-ünïcode-Ω", 0.75, 3, new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero)),
            new("f2", RelationType.EmployedBy, "per_a", longId, 0.5, 1, new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero)),
            new("f3", RelationType.PartyTo, longId, "con_c", 1.0, 2, null),
            new("f4", RelationType.AwardedBy, "con_c", "organisation-ünïcode-Ω", 0.9, 1, new DateTimeOffset(2019, 6, 1, 12, 0, 0, TimeSpan.FromHours(2))),
            new("self", RelationType.AssociatedWith, "per_a", "per_a", 0.9, 1, null),
        ];
        // the writer's round-trip text, a lower-case type, a date-only text, NULL, and an offset other than UTC
        string?[] firstSeenTexts = ["2021-03-04T05:06:07.0000000+00:00", "2020-01-02", null, "2019-06-01T12:00:00+02:00", null];
        string[] typeTexts = ["OWNS", "employed_by", "PARTY_TO", "AWARDED_BY", "ASSOCIATED_WITH"];
        var store = await Files.OpenInitializedAsync();
        await InsertAsync(
            entities.Select((e, i) => (e.Id, kindTexts[i])),
            facts.Select((f, i) => (f.FactKey, typeTexts[i], f.SubjectId, f.ObjectId, f.Confidence, f.DocCount, firstSeenTexts[i])));

        using var rebuilt = await store.BuildIndexAsync(Ct);
        using var expected = PathIndex.Build(entities, facts);

        Assert.Equal(expected.DescribeAdjacency(), rebuilt.DescribeAdjacency());
        Assert.Equal(4, rebuilt.EdgeCount);
        Assert.Equal(4, rebuilt.NodeCount);
    }

    [Fact]
    public async Task BuildIndexAsync_FactsSpanningManyBatches_EqualsABuildFromTheSameRows()
    {
        var random = new Random(3);
        var entities = Enumerable.Range(0, 3000).Select(i => new IndexedEntity($"e{i}", (EntityKind)(i % 4))).ToArray();
        var facts = Enumerable.Range(0, 20_000)
            .Select(i => new IndexedFact($"f{i}", (RelationType)(i % 12), $"e{random.Next(3000)}", $"e{random.Next(3000)}",
                Math.Round(random.NextDouble(), 3), 1 + random.Next(5), new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(3000))))
            .ToArray();
        var store = await Files.OpenInitializedAsync();
        await InsertAsync(
            entities.Select(e => (e.Id, e.Kind.ToString())),
            facts.Select(f => (f.FactKey, f.Type.ToWireName(), f.SubjectId, f.ObjectId, f.Confidence, f.DocCount,
                (string?)f.FirstReported!.Value.ToString("O", CultureInfo.InvariantCulture))));

        using var rebuilt = await store.BuildIndexAsync(Ct);
        using var expected = PathIndex.Build(entities, facts);

        Assert.Equal(expected.DescribeAdjacency(), rebuilt.DescribeAdjacency());
        Assert.Equal(expected.EdgeCount, rebuilt.EdgeCount);
    }

    [Fact]
    public async Task BuildIndexAsync_CanonicalIdsMixedWithOtherShapes_EqualsABuildFromTheSameRows()
    {
        var random = new Random(5);
        string[] prefixes = ["per", "org", "con", "inv"];
        // the same hex under every prefix (four entities), every tenth id upper-case or unprefixed
        var entities = Enumerable.Range(0, 4000)
            .Select(i => (Id: $"{prefixes[i % 4]}_{(ulong)(i / 4) * 0x9E3779B97F4A7C15UL:x16}", Kind: (EntityKind)(i % 4)))
            .Select((e, i) => new IndexedEntity(i % 10 == 3 ? e.Id.ToUpperInvariant() : i % 10 == 7 ? $"legacy-{i}" : e.Id, e.Kind))
            .ToArray();
        var facts = Enumerable.Range(0, 20_000)
            .Select(i => new IndexedFact(i % 10 == 1 ? $"FACT_{(ulong)i:X16}" : $"fact_{(ulong)i * 0x9E3779B97F4A7C15UL:x16}", (RelationType)(i % 12),
                entities[random.Next(entities.Length)].Id, entities[random.Next(entities.Length)].Id, 0.5, 1 + random.Next(5), null))
            .ToArray();
        var store = await Files.OpenInitializedAsync();
        await InsertAsync(
            entities.Select(e => (e.Id, e.Kind.ToString())),
            facts.Select(f => (f.FactKey, f.Type.ToWireName(), f.SubjectId, f.ObjectId, f.Confidence, f.DocCount, (string?)null)));

        using var rebuilt = await store.BuildIndexAsync(Ct);
        using var expected = PathIndex.Build(entities, facts);

        Assert.Equal(expected.DescribeAdjacency(), rebuilt.DescribeAdjacency());
        Assert.Equal(expected.EdgeCount, rebuilt.EdgeCount);
        Assert.Equal(entities.Length, rebuilt.NodeCount);
        var (otherEntities, otherFacts) = rebuilt.SideTableCounts;
        // other shapes, and every canonical id after the first to claim its number
        var canonical = entities.Where(e => !e.Id.StartsWith("legacy", StringComparison.Ordinal) && !e.Id.Any(char.IsUpper)).ToList();
        Assert.Equal(entities.Length - canonical.Count + canonical.GroupBy(e => e.Id[4..]).Sum(g => g.Count() - 1), otherEntities);
        Assert.Equal(facts.Count(f => f.FactKey.StartsWith("FACT", StringComparison.Ordinal) && f.SubjectId != f.ObjectId), otherFacts);
        foreach (var entity in entities.Take(200))
        {
            var neighbours = rebuilt.GetNeighbours(entity.Id, PathFilter.None, 1000);
            Assert.All(neighbours, n => Assert.Contains(facts, f => f.FactKey == n.FactKey && (n.Outgoing ? f.SubjectId == entity.Id && f.ObjectId == n.NeighbourId : f.ObjectId == entity.Id && f.SubjectId == n.NeighbourId)));
        }
    }

    [Theory]
    [InlineData("ghost", "e1")]
    [InlineData("e1", "ghost")]
    public async Task BuildIndexAsync_FactEndpointIsNoEntity_FailsNamingIt(string subject, string obj)
    {
        var store = await Files.OpenInitializedAsync();
        // the bad fact comes after several batches of good ones, so both threads are busy when it fails
        await InsertAsync(
            [("e1", "Person"), ("e2", "Person")],
            Enumerable.Range(0, 10_000).Select(i => ($"f{i:D5}", "FUNDS", "e1", "e2", 0.5, 1, (string?)null))
                .Append(("f99999", "FUNDS", subject, obj, 0.5, 1, null)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.BuildIndexAsync(Ct));

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildIndexAsync_UnknownKindText_FailsWithInvalidData()
    {
        var store = await Files.OpenInitializedAsync();
        await InsertAsync([("e1", "Planet")], []);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.BuildIndexAsync(Ct));

        Assert.Contains("Planet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildIndexAsync_UnknownFactTypeAfterManyBatches_FailsWithInvalidData()
    {
        var store = await Files.OpenInitializedAsync();
        // the fact reader thread fails while the other side is adding earlier batches
        await InsertAsync(
            [("e1", "Person"), ("e2", "Person")],
            Enumerable.Range(0, 20_000).Select(i => ($"f{i:D5}", "FUNDS", "e1", "e2", 0.5, 1, (string?)null))
                .Append(("f99999", "TELEPORTS_TO", "e1", "e2", 0.5, 1, null)));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.BuildIndexAsync(Ct));

        Assert.Contains("TELEPORTS_TO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildIndexAsync_Cancelled_ThrowsOperationCanceled()
    {
        var store = await Files.OpenInitializedAsync();
        await InsertAsync([("e1", "Person"), ("e2", "Person")], Enumerable.Range(0, 10_000).Select(i => ($"f{i}", "FUNDS", "e1", "e2", 0.5, 1, (string?)null)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.BuildIndexAsync(cancelled.Token));
    }

    // Rows written as another tool could have written them, foreign keys off so a broken reference can be stored.
    private async Task InsertAsync(
        IEnumerable<(string Id, string Kind)> entities,
        IEnumerable<(string Key, string Type, string Subject, string Object, double Confidence, int DocCount, string? FirstSeen)> facts)
    {
        await using var connection = new SqliteConnection($"Data Source={Files.DatabasePath};Pooling=False;Foreign Keys=False");
        await connection.OpenAsync(Ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(Ct);
        foreach (var (id, kind) in entities)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO entities (id, kind, name, name_key) VALUES ($id, $kind, $id, $id);";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$kind", kind);
            await command.ExecuteNonQueryAsync(Ct);
        }

        foreach (var fact in facts)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO facts (fact_key, type, subject_id, object_id, confidence, doc_count, first_seen)
                VALUES ($key, $type, $subject, $object, $confidence, $docs, $first_seen);
                """;
            command.Parameters.AddWithValue("$key", fact.Key);
            command.Parameters.AddWithValue("$type", fact.Type);
            command.Parameters.AddWithValue("$subject", fact.Subject);
            command.Parameters.AddWithValue("$object", fact.Object);
            command.Parameters.AddWithValue("$confidence", fact.Confidence);
            command.Parameters.AddWithValue("$docs", fact.DocCount);
            command.Parameters.AddWithValue("$first_seen", (object?)fact.FirstSeen ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(Ct);
        }

        await transaction.CommitAsync(Ct);
    }
}
