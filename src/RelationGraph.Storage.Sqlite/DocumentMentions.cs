using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using RelationGraph.Core.Model;

namespace RelationGraph.Storage.Sqlite;

/// <summary>
/// A document's mentions as stored in <c>documents.mentions</c>: one JSON array <c>[id, entity_id, start, end, text,
/// sentence_index]</c> per mention, in the order given (the <c>mentions</c> view reads them back as rows), and how
/// many each entity has (its <c>entity_documents</c> row).
/// </summary>
internal sealed class DocumentMentions : IDisposable
{
    // relaxed: the JSON only ever goes to SQLite's json_each, never into HTML, so names keep their letters unescaped
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;

    public DocumentMentions() => _writer = new Utf8JsonWriter(_buffer, WriterOptions);

    public void Dispose() => _writer.Dispose();

    /// <summary>The JSON array for <paramref name="mentions"/> (ids already distinct), in UTF-8 as it is bound: valid until the next call.</summary>
    public ReadOnlySpan<byte> Utf8Json(IReadOnlyList<MentionRecord> mentions)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        foreach (var mention in mentions)
        {
            _writer.WriteStartArray();
            _writer.WriteStringValue(mention.Id);
            _writer.WriteStringValue(mention.EntityId);
            _writer.WriteNumberValue(mention.Start);
            _writer.WriteNumberValue(mention.End);
            _writer.WriteStringValue(mention.Text);
            _writer.WriteNumberValue(mention.SentenceIndex);
            _writer.WriteEndArray();
        }

        _writer.WriteEndArray();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>Mentions per entity, in order of each entity's first mention.</summary>
    public static Dictionary<string, int> PerEntity(IReadOnlyList<MentionRecord> mentions)
    {
        var perEntity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        {
            perEntity[mention.EntityId] = perEntity.GetValueOrDefault(mention.EntityId) + 1;
        }

        return perEntity;
    }
}
