using System.Globalization;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// The rules every document meets, whichever way it comes in (file, feed line, <c>watch</c>, POST as text or JSON):
/// its text and metadata are Unicode text (no lone surrogate, no NUL), and an id, title and URL fit their limits.
/// A document that breaks one fails alone with <c>invalid-text</c> (or <c>malformed-json</c> for an over-long JSON field).
/// </summary>
public static class DocumentRules
{
    /// <summary>The longest caller-given document id, in characters.</summary>
    public const int MaxIdLength = 500;

    /// <summary>The longest title, in characters.</summary>
    public const int MaxTitleLength = 1000;

    /// <summary>The longest URL, in characters.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>Failure code of text that is not Unicode text (a lone surrogate, a NUL).</summary>
    public const string InvalidText = "invalid-text";

    /// <summary>Why <paramref name="value"/> (named <paramref name="field"/>) is not Unicode text, or null when it is.</summary>
    public static string? TextError(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return string.Create(CultureInfo.InvariantCulture, $"the {field} holds a NUL character (U+0000) at index {i}");
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // not encodable as UTF-8: SQLite, JSON writers and hashing would each fail or alter it differently
                return string.Create(CultureInfo.InvariantCulture, $"the {field} holds a lone surrogate (U+{(int)c:X4}) at index {i}, which is not Unicode text");
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="value"/> is longer than <paramref name="max"/> characters, or null.</summary>
    public static string? LengthError(string field, string? value, int max) =>
        value is not null && value.Length > max
            ? string.Create(CultureInfo.InvariantCulture, $"the {field} is {value.Length:N0} characters, over the {max:N0} allowed")
            : null;

    /// <summary>Why a document read from any source breaks the text rules, or null.</summary>
    public static string? DocumentError(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return TextError("text", document.Text) ?? TextError("title", document.Title) ?? TextError("source", document.SourceUri)
            ?? TextError("publisher", document.Publisher) ?? TextError("author", document.Author);
    }
}
