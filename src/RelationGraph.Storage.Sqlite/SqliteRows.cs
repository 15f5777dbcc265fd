using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Sqlite;

/// <summary>Maps result rows to records; column orders match the Sql/*.sql statements.</summary>
internal static class SqliteRows
{
    public static DateTimeOffset? Timestamp(SqliteDataReader reader, int ordinal) => Timestamp(reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal));

    // stored as ISO-8601 round-trip text ("O")
    private static DateTimeOffset? Timestamp(string? value) =>
        value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static EntityKind Kind(string value) =>
        EntityKinds.TryParse(value, out var kind) ? kind : throw new InvalidDataException($"Unknown entity kind '{value}' in the database.");

    public static RelationType Type(string value) =>
        RelationTypes.TryParse(value, out var type) ? type : throw new InvalidDataException($"Unknown relation type '{value}' in the database.");

    public static IReadOnlyList<string> JsonList(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return [];
        }

        var json = reader.GetString(ordinal);
        return json == "[]" ? [] : JsonSerializer.Deserialize(json, SqliteJson.Default.ListString) ?? [];
    }

    /// <summary>fact_key, type, subject_id, object_id, confidence, doc_count, first_seen.</summary>
    /// <summary>The same columns from a writer's row statement (upsert-fact-totals.sql RETURNING).</summary>
    public static IndexedFact IndexedFact(RowStatement row) => new(
        row.GetString(0),
        Type(row.GetString(1)),
        row.GetString(2),
        row.GetString(3),
        row.GetDouble(4),
        row.GetInt32(5),
        Timestamp(row.GetNullableString(6)));

    public static IndexedFact IndexedFact(SqliteDataReader reader) => new(
        reader.GetString(0),
        Type(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetDouble(4),
        reader.GetInt32(5),
        Timestamp(reader, 6));

    /// <summary>id, kind.</summary>
    public static IndexedEntity IndexedEntity(SqliteDataReader reader) => new(reader.GetString(0), Kind(reader.GetString(1)));

    /// <summary>id, kind, name, mention_count, doc_count (aliases supplied separately).</summary>
    public static EntitySummary Entity(SqliteDataReader reader, IReadOnlyList<string> aliases) => new(
        reader.GetString(0),
        Kind(reader.GetString(1)),
        reader.GetString(2),
        aliases,
        reader.GetInt32(3),
        reader.GetInt32(4));

    /// <summary>fact_key, type, subject_id, object_id, confidence, evidence_count, doc_count, first_seen, last_seen, sample_quote, extractors.</summary>
    public static FactSummary Fact(SqliteDataReader reader) => new(
        reader.GetString(0),
        Type(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetDouble(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        Timestamp(reader, 7),
        Timestamp(reader, 8),
        NullableString(reader, 9),
        JsonList(reader, 10));

    /// <summary>id, fact_key, doc_id, title, source_uri, start, end, quote, citations, extractor, confidence.</summary>
    public static EvidenceView Evidence(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        NullableString(reader, 3),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetString(7),
        JsonList(reader, 8),
        reader.GetString(9),
        reader.GetDouble(10));

    /// <summary>id, source_uri, title, publisher, published_at, ingested_at, content_hash, extractor_version, length.</summary>
    public static DocumentSummary Document(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        NullableString(reader, 2),
        NullableString(reader, 3),
        Timestamp(reader, 4),
        Timestamp(reader, 5) ?? DateTimeOffset.MinValue,
        reader.GetString(6),
        reader.GetString(7),
        reader.GetInt32(8));

    /// <summary>The document columns, then text, mention count, evidence count.</summary>
    public static DocumentDetail DocumentDetail(SqliteDataReader reader) =>
        new(Document(reader), reader.GetString(9), reader.GetInt32(10), reader.GetInt32(11));

    /// <summary>id, kind, name, mention_count, doc_count, first_seen, last_seen, amount, currency, year, status.</summary>
    public static EntityDetail EntityDetail(SqliteDataReader reader, IReadOnlyList<string> aliases, IReadOnlyList<FactSummary> facts) => new(
        Entity(reader, aliases),
        Timestamp(reader, 5),
        Timestamp(reader, 6),
        reader.IsDBNull(7) ? null : decimal.Parse(reader.GetString(7), NumberStyles.Number, CultureInfo.InvariantCulture),
        NullableString(reader, 8),
        reader.IsDBNull(9) ? null : reader.GetInt32(9),
        NullableString(reader, 10),
        facts);
}

[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class SqliteJson : JsonSerializerContext;
