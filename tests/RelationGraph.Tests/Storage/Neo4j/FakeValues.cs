using System.Globalization;
using System.Text.Json;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>Statement parameters as Neo4j sees them after JSON decoding.</summary>
internal sealed class Params(Dictionary<string, object?> values)
{
    public object? this[string name] => values.TryGetValue(name, out var v)
        ? v
        : throw new FakeCypherException("Neo.ClientError.Statement.ParameterMissing", $"Expected parameter(s): {name}");

    public string String(string name) => this[name] as string
        ?? throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Parameter ${name} must be a string.");

    public long Long(string name) => this[name] is long l
        ? l
        : throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Parameter ${name} must be an integer.");

    public List<object?> List(string name) => this[name] as List<object?>
        ?? throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Parameter ${name} must be a list.");

    public IEnumerable<Dictionary<string, object?>> Rows(string name) => List(name).Select(r => r as Dictionary<string, object?>
        ?? throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Rows of ${name} must be maps."));
}

/// <summary>Plain JSON ↔ Cypher values: integers are Integer, numbers with a point or exponent are Float.</summary>
internal static class FakeJson
{
    public static object? Decode(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0 ? value.GetDouble() : (object)value.GetInt64(),
        JsonValueKind.Array => value.EnumerateArray().Select(Decode).ToList(),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => Decode(p.Value), StringComparer.Ordinal),
        _ => throw new FakeCypherException("Neo.ClientError.Request.InvalidFormat", "Unsupported JSON value."),
    };

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteRawValue(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case Dictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    Write(writer, v);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException("The fake cannot encode " + value.GetType().Name);
        }
    }
}

/// <summary>Cypher's ORDER BY: numbers by value, strings ordinally, lists element-wise, null last.</summary>
internal sealed class CypherOrder : IComparer<object?>
{
    public static CypherOrder Instance { get; } = new();

    public int Compare(object? x, object? y) => Compare(x, y, nullsLast: true);

    public static int Compare(object? x, object? y, bool nullsLast = true)
    {
        if (x is null || y is null)
        {
            return x is null && y is null ? 0 : (x is null ? 1 : -1) * (nullsLast ? 1 : -1);
        }

        return (x, y) switch
        {
            (long a, long b) => a.CompareTo(b),
            (long a, double b) => ((double)a).CompareTo(b),
            (double a, long b) => a.CompareTo(b),
            (double a, double b) => a.CompareTo(b),
            (string a, string b) => string.CompareOrdinal(a, b),
            (bool a, bool b) => a.CompareTo(b),
            (List<object?> a, List<object?> b) => CompareLists(a, b),
            _ => throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Cannot compare {x.GetType().Name} with {y.GetType().Name}."),
        };
    }

    private static int CompareLists(List<object?> a, List<object?> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }
}
