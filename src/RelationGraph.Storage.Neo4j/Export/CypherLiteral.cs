using System.Collections;
using System.Globalization;
using System.Text;

namespace RelationGraph.Storage.Neo4j.Export;

/// <summary>
/// Writes values as Cypher literals for scripts that cypher-shell runs. Every string goes through
/// <see cref="Quote(string)"/>, so no user text can end a literal or start a statement.
/// </summary>
public static class CypherLiteral
{
    /// <summary>A single-quoted Cypher string with backslash, quote and control characters escaped.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\'':
                    builder.Append(@"\'");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                default:
                    // other control characters, and line/paragraph separators that would break a line-based reader
                    if (char.IsControl(c) || c is '\u2028' or '\u2029')
                    {
                        builder.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>
    /// Any supported value: null, string, bool, integers, floats (always with a decimal point), decimals,
    /// times (ISO-8601 UTC strings), lists and maps with identifier keys.
    /// </summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        decimal m => Float((double)m),
        DateTimeOffset t => Quote(t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        IEnumerable<KeyValuePair<string, object?>> map => "{" + string.Join(", ", map.Select(p => Key(p.Key) + ": " + Value(p.Value))) + "}",
        IEnumerable list when value is not string => "[" + string.Join(", ", list.Cast<object?>().Select(Value)) + "]",
        _ => throw new ArgumentException($"Cannot write a {value.GetType().Name} as a Cypher literal.", nameof(value)),
    };

    private static string Float(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinity have no Cypher literal.", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Key(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? key
            : "`" + key.Replace("`", "``", StringComparison.Ordinal) + "`";
}
