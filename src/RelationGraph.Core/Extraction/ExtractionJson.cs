using System.Text.Encodings.Web;
using System.Text.Json;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction;

/// <summary>
/// Writes a <see cref="DocumentGraph"/> as the JSON that the evaluation scorer (score.py) reads:
/// entities with aliases and code point mentions, relations with evidence spans, plus confidence, citations
/// and extractor fields the scorer ignores.
/// </summary>
public static class ExtractionJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON text for one batch.</summary>
    public static string Serialize(DocumentGraph batch)
    {
        using var stream = new MemoryStream();
        Write(stream, batch);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one batch to a stream as UTF-8 JSON.</summary>
    public static void Write(Stream stream, DocumentGraph batch)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(batch);
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("document", batch.Document.SourceUri);
        writer.WriteString("documentId", batch.Document.Id);
        writer.WriteString("extractorVersion", batch.ExtractorVersion);
        writer.WriteStartArray("entities");
        var mentionsByEntity = batch.Mentions.ToLookup(m => m.EntityId, StringComparer.Ordinal);
        foreach (var entity in batch.Entities)
        {
            writer.WriteStartObject();
            writer.WriteString("id", entity.Id);
            writer.WriteString("type", entity.Kind.ToString());
            writer.WriteString("name", entity.Name);
            writer.WriteStartArray("aliases");
            foreach (var alias in entity.Aliases)
            {
                writer.WriteStringValue(alias);
            }

            writer.WriteEndArray();
            if (entity.Amount is { } amount)
            {
                writer.WriteNumber("amount", amount);
                writer.WriteString("currency", entity.Currency);
            }

            if (entity.Year is { } year)
            {
                writer.WriteNumber("year", year);
            }

            if (entity.Status is { } status)
            {
                writer.WriteString("status", status);
            }

            writer.WriteStartArray("mentions");
            foreach (var mention in mentionsByEntity[entity.Id].OrderBy(m => m.Start))
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", mention.Start);
                writer.WriteNumber("end", mention.End);
                writer.WriteString("text", mention.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("relations");
        var evidenceByFact = batch.Evidence.ToLookup(e => e.FactKey, StringComparer.Ordinal);
        foreach (var fact in batch.Facts)
        {
            var evidence = evidenceByFact[fact.FactKey].OrderBy(e => e.Start).ToList();
            writer.WriteStartObject();
            writer.WriteString("type", fact.Type.ToWireName());
            writer.WriteString("source", fact.SubjectId);
            writer.WriteString("target", fact.ObjectId);
            writer.WriteString("factKey", fact.FactKey);
            writer.WriteNumber("confidence", evidence.Count == 0 ? 0 : evidence.Max(e => e.Confidence));
            writer.WriteStartArray("evidence");
            foreach (var item in evidence)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", item.Start);
                writer.WriteNumber("end", item.End);
                writer.WriteString("text", item.Quote);
                writer.WriteNumber("confidence", item.Confidence);
                writer.WriteString("extractor", item.Extractor);
                writer.WriteStartArray("citations");
                foreach (var citation in item.Citations)
                {
                    writer.WriteStringValue(citation);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
