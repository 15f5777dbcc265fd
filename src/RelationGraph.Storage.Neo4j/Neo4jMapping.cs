using System.Globalization;
using System.Text.Json;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

/// <summary>Turns Query API rows into the storage port's records.</summary>
internal static class Neo4jMapping
{
    public static EntitySummary Entity(QueryRecord r, string prefix = "") => new(
        r.String(Field(prefix, "id")),
        Kind(r.StringOrNull(Field(prefix, "kind"))),
        r.String(Field(prefix, "name")),
        Sorted(r.Strings(Field(prefix, "aliases"))),
        r.Int(Field(prefix, "mentionCount")),
        r.Int(Field(prefix, "docCount")));

    public static EntitySummary Entity(JsonElement map) => new(
        Values.String(map, "id") ?? throw new InvalidDataException("A path node has no id."),
        Kind(Values.String(map, "kind")),
        Values.String(map, "name") ?? "",
        map.TryGetProperty("aliases", out var aliases) ? Sorted(Values.Strings(aliases)) : [],
        Values.Int(map, "mentionCount"),
        Values.Int(map, "docCount"));

    public static EntityDetail EntityDetail(QueryRecord r, IReadOnlyList<FactSummary> facts) => new(
        Entity(r),
        r.Time("firstSeen"),
        r.Time("lastSeen"),
        r.IsNull("amount") ? null : (decimal)r.Double("amount"),
        r.StringOrNull("currency"),
        r.IsNull("year") ? null : r.Int("year"),
        r.StringOrNull("status"),
        facts);

    public static FactSummary Fact(QueryRecord r) => new(
        r.String("factKey"),
        Type(r.String("type")),
        r.String("subjectId"),
        r.String("objectId"),
        r.Double("confidence"),
        r.Int("evidenceCount"),
        r.Int("docCount"),
        r.Time("firstSeen"),
        r.Time("lastSeen"),
        r.StringOrNull("sampleQuote"),
        r.Strings("extractors"));

    public static FactSummary Fact(JsonElement map) => new(
        Values.String(map, "factKey") ?? throw new InvalidDataException("A path relationship has no factKey."),
        Type(Values.String(map, "type") ?? ""),
        Values.String(map, "subjectId") ?? "",
        Values.String(map, "objectId") ?? "",
        Values.Double(map, "confidence"),
        Values.Int(map, "evidenceCount"),
        Values.Int(map, "docCount"),
        map.TryGetProperty("firstSeen", out var first) ? Values.Time(first) : null,
        map.TryGetProperty("lastSeen", out var last) ? Values.Time(last) : null,
        Values.String(map, "sampleQuote"),
        map.TryGetProperty("extractors", out var extractors) ? Values.Strings(extractors) : []);

    public static EvidenceView Evidence(QueryRecord r) => new(
        r.String("id"),
        r.String("factKey"),
        r.String("docId"),
        r.StringOrNull("title"),
        r.StringOrNull("sourceUri") ?? "",
        r.Int("start"),
        r.Int("end"),
        r.String("quote"),
        r.Strings("citations"),
        r.StringOrNull("extractor") ?? "",
        r.Double("confidence"));

    public static EvidenceView Evidence(string factKey, JsonElement map) => new(
        Values.String(map, "id") ?? "",
        factKey,
        Values.String(map, "docId") ?? "",
        Values.String(map, "title"),
        Values.String(map, "sourceUri") ?? "",
        Values.Int(map, "start"),
        Values.Int(map, "end"),
        Values.String(map, "quote") ?? "",
        map.TryGetProperty("citations", out var citations) ? Values.Strings(citations) : [],
        Values.String(map, "extractor") ?? "",
        Values.Double(map, "confidence"));

    public static DocumentSummary Document(QueryRecord r) => new(
        r.String("id"),
        r.StringOrNull("sourceUri") ?? "",
        r.StringOrNull("title"),
        r.StringOrNull("publisher"),
        r.Time("publishedAt"),
        r.Time("ingestedAt") ?? DateTimeOffset.MinValue,
        r.StringOrNull("contentHash") ?? "",
        r.StringOrNull("extractorVersion") ?? "",
        r.Int("length"));

    public static DocumentDetail DocumentDetail(QueryRecord r) =>
        new(Document(r), r.StringOrNull("text") ?? "", r.Int("mentionCount"), r.Int("evidenceCount"));

    public static MentionRecord Mention(QueryRecord r) => new(
        r.String("id"), r.String("docId"), r.String("entityId"), r.Int("start"), r.Int("end"), r.StringOrNull("text") ?? "", r.Int("sentenceIndex"));

    public static EntityKind Kind(string? value) =>
        EntityKinds.TryParse(value, out var kind) ? kind : throw new InvalidDataException($"Unknown entity kind '{value}' in Neo4j.");

    public static RelationType Type(string value) =>
        RelationTypes.TryParse(value, out var type) ? type : throw new InvalidDataException($"Unknown relationship type '{value}' in Neo4j.");

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Aliases in ordinal order, as the embedded store lists them.
    private static string[] Sorted(IReadOnlyList<string> aliases) => [.. aliases.Order(StringComparer.Ordinal)];

    private static string Field(string prefix, string name) =>
        prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..];
}
