using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace RelationGraph.Storage.Neo4j.QueryApi;

/// <summary>
/// Writes statement parameters as plain JSON. Floats always carry a decimal point so Neo4j stores them as
/// Float (System.Text.Json writes 1.0 as <c>1</c>, which Neo4j would read as Integer).
/// </summary>
internal static class ParameterWriter
{
    /// <summary>The JSON body of one Query API request.</summary>
    /// <param name="statement">The statement to run; null for a request that only begins or commits a transaction.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="bookmarks">Bookmarks a new transaction waits for.</param>
    /// <param name="readOnly">Sends <c>accessMode: READ</c>.</param>
    /// <param name="maxExecutionTime">
    /// Seconds the server may run the transaction this request starts (an implicit one, or one begun at <c>/tx</c>);
    /// null inside an open transaction, where the server takes the bound given when it began.
    /// </param>
    public static byte[] Body(CypherStatement? statement, IReadOnlyDictionary<string, object?>? parameters, IReadOnlyList<string>? bookmarks = null, bool readOnly = false, int? maxExecutionTime = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (bookmarks is { Count: > 0 })
            {
                writer.WritePropertyName("bookmarks");
                Write(writer, bookmarks);
            }

            if (readOnly)
            {
                // a cluster may answer READ from any member; Neo4j refuses a write in it
                writer.WriteString("accessMode", "READ");
            }

            if (maxExecutionTime is { } seconds)
            {
                writer.WriteNumber("maxExecutionTime", seconds);
            }

            if (statement is not null)
            {
                writer.WriteString("statement", statement.Text);
                writer.WritePropertyName("parameters");
                Write(writer, parameters ?? new Dictionary<string, object?>());
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

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
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteFloat(writer, d);
                break;
            case decimal m:
                WriteFloat(writer, (double)m);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(Values.Time(t));
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Parameter values of type {value.GetType().Name} are not supported.", nameof(value));
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinity cannot be sent as JSON.", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0");
    }
}
