using System.Globalization;
using System.Text;
using System.Xml;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Export;

/// <summary>
/// Writes the domain layer (entities and fact edges, with their totals) as GraphML for Gephi, yEd or
/// APOC's <c>apoc.import.graphml</c>: node <c>labels</c> read like <c>:Entity:Person</c>, edge <c>label</c> is the
/// relationship type, lists are joined with <c>;</c>. Provenance stays out: the fact totals and sample quote
/// travel with each edge.
/// </summary>
public static class GraphMLExporter
{
    private const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    private static readonly (string Id, string For, string Type)[] Keys =
    [
        ("labels", "node", "string"), ("kind", "node", "string"), ("name", "node", "string"), ("aliases", "node", "string"),
        ("mentionCount", "node", "int"), ("docCount", "node", "int"), ("firstSeen", "node", "string"), ("lastSeen", "node", "string"),
        ("amount", "node", "double"), ("currency", "node", "string"), ("year", "node", "int"), ("status", "node", "string"),
        ("label", "edge", "string"), ("factKey", "edge", "string"), ("confidence", "edge", "double"), ("evidenceCount", "edge", "int"),
        ("docCount", "edge", "int"), ("firstSeen", "edge", "string"), ("lastSeen", "edge", "string"), ("sampleQuote", "edge", "string"),
        ("extractors", "edge", "string"),
    ];

    /// <summary>Writes the graph; entities and facts may come in any order (edges are written after all nodes).</summary>
    public static async Task WriteAsync(IAsyncEnumerable<GraphExportItem> items, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writer);
        var facts = new List<FactSummary>();
        await using var xml = XmlWriter.Create(writer, new XmlWriterSettings { Async = true, Indent = true, Encoding = Encoding.UTF8 });
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "graphml", Namespace);
        foreach (var (id, owner, type) in Keys)
        {
            await xml.WriteStartElementAsync(null, "key", Namespace);
            await xml.WriteAttributeStringAsync(null, "id", null, owner + "_" + id);
            await xml.WriteAttributeStringAsync(null, "for", null, owner);
            await xml.WriteAttributeStringAsync(null, "attr.name", null, id);
            await xml.WriteAttributeStringAsync(null, "attr.type", null, type);
            await xml.WriteEndElementAsync();
        }

        await xml.WriteStartElementAsync(null, "graph", Namespace);
        await xml.WriteAttributeStringAsync(null, "id", null, "relationgraph");
        await xml.WriteAttributeStringAsync(null, "edgedefault", null, "directed");
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (item.Entity is { } e)
            {
                await WriteNodeAsync(xml, e);
            }
            else if (item.Fact is { } f)
            {
                facts.Add(f);
            }
        }

        foreach (var f in facts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "edge", Namespace);
            await xml.WriteAttributeStringAsync(null, "id", null, f.FactKey);
            await xml.WriteAttributeStringAsync(null, "source", null, f.SubjectId);
            await xml.WriteAttributeStringAsync(null, "target", null, f.ObjectId);
            await xml.WriteAttributeStringAsync(null, "label", null, f.Type.ToWireName());
            await DataAsync(xml, "edge_label", f.Type.ToWireName());
            await DataAsync(xml, "edge_factKey", f.FactKey);
            await DataAsync(xml, "edge_confidence", f.Confidence);
            await DataAsync(xml, "edge_evidenceCount", f.EvidenceCount);
            await DataAsync(xml, "edge_docCount", f.DocCount);
            await DataAsync(xml, "edge_firstSeen", IsoTime(f.FirstSeen));
            await DataAsync(xml, "edge_lastSeen", IsoTime(f.LastSeen));
            await DataAsync(xml, "edge_sampleQuote", f.SampleQuote);
            await DataAsync(xml, "edge_extractors", string.Join(';', f.Extractors));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task WriteNodeAsync(XmlWriter xml, EntityDetail detail)
    {
        var e = detail.Entity;
        await xml.WriteStartElementAsync(null, "node", Namespace);
        await xml.WriteAttributeStringAsync(null, "id", null, e.Id);
        await xml.WriteAttributeStringAsync(null, "labels", null, ":Entity:" + e.Kind);
        await DataAsync(xml, "node_labels", ":Entity:" + e.Kind);
        await DataAsync(xml, "node_kind", e.Kind.ToString());
        await DataAsync(xml, "node_name", e.Name);
        await DataAsync(xml, "node_aliases", string.Join(';', e.Aliases));
        await DataAsync(xml, "node_mentionCount", e.MentionCount);
        await DataAsync(xml, "node_docCount", e.DocCount);
        await DataAsync(xml, "node_firstSeen", IsoTime(detail.FirstSeen));
        await DataAsync(xml, "node_lastSeen", IsoTime(detail.LastSeen));
        await DataAsync(xml, "node_amount", detail.Amount);
        await DataAsync(xml, "node_currency", detail.Currency);
        await DataAsync(xml, "node_year", detail.Year);
        await DataAsync(xml, "node_status", detail.Status);
        await xml.WriteEndElementAsync();
    }

    private static async Task DataAsync(XmlWriter xml, string key, object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        await xml.WriteStartElementAsync(null, "data", Namespace);
        await xml.WriteAttributeStringAsync(null, "key", null, key);
        await xml.WriteStringAsync(XmlSafe(text));
        await xml.WriteEndElementAsync();
    }

    // XML 1.0 cannot carry most control characters, even escaped; they become U+FFFD rather than failing the export.
    private static string XmlSafe(string text) =>
        text.All(XmlConvert.IsXmlChar) && !text.Any(char.IsSurrogate)
            ? text
            : XmlSanitise(text);

    private static string XmlSanitise(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static string? IsoTime(DateTimeOffset? value) => value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
