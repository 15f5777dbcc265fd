using System.Globalization;
using System.Text.Json;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// A document given as JSON, one per line in <c>.jsonl</c> feeds or as a POST body:
/// <c>{"id"?, "title"?, "url"?, "publishedAt"?, "text"}</c>.
/// </summary>
/// <param name="Id">The record's own id, unique within its feed.</param>
/// <param name="Title">Title, if any.</param>
/// <param name="Url">Where the text was published, if known.</param>
/// <param name="PublishedAt">Publication time, if known.</param>
/// <param name="Text">The document text (plain text; offsets point into it as given).</param>
public sealed record DocumentRecord(string? Id, string? Title, string? Url, DateTimeOffset? PublishedAt, string Text)
{
    /// <summary>Parses one JSON object; a clear error code and message on failure, never an exception.</summary>
    public static DocumentRecordParse Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var parsed = JsonDocument.Parse(json);
            return FromElement(parsed.RootElement);
        }
        catch (JsonException ex)
        {
            return DocumentRecordParse.Fail(DocumentErrorCodes.MalformedJson, "not valid JSON: " + ex.Message);
        }
    }

    /// <summary>Reads a record from a parsed JSON value.</summary>
    public static DocumentRecordParse FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return DocumentRecordParse.Fail(DocumentErrorCodes.MalformedJson, $"expected a JSON object, found {root.ValueKind}");
        }

        string? id = null, title = null, url = null, text = null;
        DateTimeOffset? publishedAt = null;
        var field = "";
        try
        {
            foreach (var property in root.EnumerateObject())
            {
                field = property.Name;
                var value = property.Value;
                switch (property.Name)
                {
                    case "id" when value.ValueKind == JsonValueKind.Number:
                        id = value.GetRawText();
                        break;
                    case "id" or "title" or "url" or "text" or "publishedAt" when value.ValueKind == JsonValueKind.Null:
                        break;
                    case "id" or "title" or "url" or "text" or "publishedAt" when value.ValueKind != JsonValueKind.String:
                        return DocumentRecordParse.Fail(DocumentErrorCodes.MalformedJson, $"'{property.Name}' must be a string, found {value.ValueKind}");
                    case "id":
                        id = value.GetString();
                        break;
                    case "title":
                        title = value.GetString();
                        break;
                    case "url":
                        url = value.GetString();
                        break;
                    case "text":
                        text = value.GetString();
                        break;
                    case "publishedAt":
                        if (!DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                        {
                            return DocumentRecordParse.Fail(DocumentErrorCodes.MalformedJson, $"'publishedAt' is not a date: {value.GetString()}");
                        }

                        publishedAt = at;
                        break;
                    default:
                        break;
                }
            }
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json refuses to turn an escaped lone surrogate ("\ud800") into a string: not Unicode text
            return DocumentRecordParse.Fail(DocumentRules.InvalidText, $"'{field}' is not Unicode text: {ex.Message}");
        }

        if (text is null)
        {
            return DocumentRecordParse.Fail(DocumentErrorCodes.MalformedJson, "the record has no 'text'");
        }

        // the rules of every way in (DocumentRules): an id as long as a query-string id, Unicode text only
        foreach (var (name, value, max) in new[] { ("id", id, DocumentRules.MaxIdLength), ("title", title, DocumentRules.MaxTitleLength), ("url", url, DocumentRules.MaxUrlLength) })
        {
            if (DocumentRules.LengthError($"'{name}'", value, max) is { } tooLong)
            {
                return DocumentRecordParse.Fail("malformed-json", tooLong);
            }
        }

        foreach (var (name, value) in new[] { ("text", text), ("id", id), ("title", title), ("url", url) })
        {
            if (DocumentRules.TextError($"'{name}'", value) is { } invalid)
            {
                return DocumentRecordParse.Fail(DocumentRules.InvalidText, invalid);
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return DocumentRecordParse.Fail(DocumentErrorCodes.Empty, "the record's text is empty");
        }

        return new DocumentRecordParse(new DocumentRecord(Blank(id), Blank(title), Blank(url), publishedAt, text), null, null);
    }

    /// <summary>
    /// The document this record describes. Its identity is <paramref name="scope"/> + the record id when it has one,
    /// else its URL, else <paramref name="fallbackKey"/> (e.g. feed path and line).
    /// </summary>
    public SourceDocument ToDocument(string scope, string fallbackKey)
    {
        var key = Id is not null ? scope + "#" + Id : Url ?? fallbackKey;
        return new SourceDocument
        {
            Id = StableId.Document(key),
            SourceUri = Url ?? key,
            Text = Text,
            ContentHash = StableId.ContentHash(Text),
            Title = Title,
            PublishedAt = PublishedAt,
            MediaType = "text/plain",
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A parsed record, or why there is none.</summary>
/// <param name="Record">The record, when parsing worked.</param>
/// <param name="ErrorCode">Failure code (<c>malformed-json</c>, <c>empty</c>, <c>invalid-text</c>).</param>
/// <param name="Error">A readable reason.</param>
public sealed record DocumentRecordParse(DocumentRecord? Record, string? ErrorCode, string? Error)
{
    /// <summary>A failure.</summary>
    public static DocumentRecordParse Fail(string code, string error) => new(null, code, error);
}
