using System.Globalization;
using System.Text.Json;

namespace RelationGraph.Storage.Neo4j.QueryApi;

/// <summary>The <c>data</c> of a Query API answer: field names and rows of plain JSON values.</summary>
internal sealed record QueryResult(IReadOnlyList<string> Fields, IReadOnlyList<QueryRecord> Records)
{
    public static QueryResult Empty { get; } = new([], []);
}

/// <summary>One row, read by field name.</summary>
internal sealed class QueryRecord(IReadOnlyDictionary<string, int> index, JsonElement[] values)
{
    public JsonElement this[string field] =>
        index.TryGetValue(field, out var i) ? values[i] : throw new KeyNotFoundException($"The answer has no field '{field}'.");

    public bool IsNull(string field) => this[field].ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public string String(string field) => StringOrNull(field) ?? throw new InvalidDataException($"Field '{field}' is null.");

    public string? StringOrNull(string field) => Values.StringOrNull(this[field]);

    public int Int(string field) => IsNull(field) ? 0 : this[field].GetInt32();

    public long Long(string field) => IsNull(field) ? 0 : this[field].GetInt64();

    public double Double(string field) => IsNull(field) ? 0 : this[field].GetDouble();

    public IReadOnlyList<string> Strings(string field) => Values.Strings(this[field]);

    public DateTimeOffset? Time(string field) => Values.Time(this[field]);
}

/// <summary>Reads plain JSON values the way the adapter writes them.</summary>
internal static class Values
{
    public static string? StringOrNull(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    public static IReadOnlyList<string> Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")] : [];

    // Times are stored as ISO-8601 UTC strings ("O" format), which also sort correctly as text.
    public static DateTimeOffset? Time(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;

    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public static int Int(JsonElement value, string property) =>
        value.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    public static double Double(JsonElement value, string property) =>
        value.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    public static string? String(JsonElement value, string property) =>
        value.TryGetProperty(property, out var v) ? StringOrNull(v) : null;
}
