using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Neo4j.Export;

/// <summary>
/// Writes the graph as a Cypher script for <c>cypher-shell -f</c>: the schema first, then batched
/// <c>UNWIND [...] AS row MERGE ...</c> statements keyed by ids and fact keys, so running it twice, or on a
/// database that already holds part of the graph, converges on the same graph. Every value is a literal
/// written by <see cref="CypherLiteral"/>.
/// </summary>
public sealed class CypherScriptExporter
{
    private readonly int _batchSize;

    /// <summary>Creates an exporter writing <paramref name="batchSize"/> rows per statement.</summary>
    public CypherScriptExporter(int batchSize = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
    }

    /// <summary>Writes the script; <paramref name="schemaScript"/> (cypher/schema.cypher) goes first when given.</summary>
    public async Task WriteAsync(IAsyncEnumerable<GraphExportItem> items, TextWriter writer, string? schemaScript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync("// RelationGraph export. Load with: cypher-shell -a <bolt url> -u <user> -p <password> -f <this file>".AsMemory(), cancellationToken);
        await writer.WriteLineAsync("// Idempotent: every write is a MERGE on an id or factKey.".AsMemory(), cancellationToken);
        if (!string.IsNullOrWhiteSpace(schemaScript))
        {
            await writer.WriteLineAsync(schemaScript.TrimEnd().AsMemory(), cancellationToken);
        }

        var join = new ExportJoin();
        var documents = new List<Dictionary<string, object?>>();
        var mentions = new List<Dictionary<string, object?>>();
        var evidence = new List<Dictionary<string, object?>>();
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (item.Document is { } d)
            {
                documents.Add(Row(("id", d.Document.Id), ("props", ExportRows.Document(d))));
                await FlushIfFullAsync(writer, documents, DocumentStatement, cancellationToken);
            }
            else if (item.Entity is { } e)
            {
                join.Entities.Add(e);
            }
            else if (item.Fact is { } f)
            {
                join.Facts[f.FactKey] = f;
            }
            else if (item.Mention is { } m)
            {
                mentions.Add(Row(("id", m.Id), ("docId", m.DocumentId), ("entityId", m.EntityId), ("props", ExportRows.Mention(m))));
                await FlushIfFullAsync(writer, mentions, MentionStatement, cancellationToken);
            }
            else if (item.Evidence is { } ev)
            {
                join.Evidence.Add((ev.Id, ev.FactKey, ev.DocumentId));
                evidence.Add(Row(("id", ev.Id), ("docId", ev.DocumentId), ("props", ExportRows.Evidence(ev))));
                await FlushIfFullAsync(writer, evidence, EvidenceStatement, cancellationToken);
            }
        }

        await FlushAsync(writer, documents, DocumentStatement, cancellationToken);
        await FlushAsync(writer, mentions, MentionStatement, cancellationToken);
        await FlushAsync(writer, evidence, EvidenceStatement, cancellationToken);

        var degrees = join.Degrees();
        foreach (var kind in join.Entities.GroupBy(e => e.Entity.Kind))
        {
            var rows = kind.Select(e => Row(("id", e.Entity.Id), ("props", ExportRows.Entity(e, degrees.GetValueOrDefault(e.Entity.Id))))).ToList();
            await FlushAsync(writer, rows, r => EntityStatement(kind.Key, r), cancellationToken);
        }

        var docIds = join.DocIdsByFact();
        foreach (var type in join.Facts.Values.GroupBy(f => f.Type))
        {
            var rows = type.Select(f => Row(("subjectId", f.SubjectId), ("objectId", f.ObjectId), ("factKey", f.FactKey), ("props", ExportRows.Fact(f, [.. docIds[f.FactKey]])))).ToList();
            await FlushAsync(writer, rows, r => FactStatement(type.Key, r), cancellationToken);
        }

        var links = join.Evidence.Where(e => join.Facts.ContainsKey(e.FactKey))
            .Select(e => Row(("id", e.EvidenceId), ("subjectId", join.Facts[e.FactKey].SubjectId), ("objectId", join.Facts[e.FactKey].ObjectId)))
            .ToList();
        await FlushAsync(writer, links, EvidenceLinkStatement, cancellationToken);
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static string Rows(IReadOnlyList<Dictionary<string, object?>> rows) =>
        "UNWIND [\n  " + string.Join(",\n  ", rows.Select(r => CypherLiteral.Value(r))) + "\n] AS row\n";

    private static string DocumentStatement(IReadOnlyList<Dictionary<string, object?>> rows) =>
        Rows(rows) + "MERGE (d:Document {id: row.id})\nSET d += row.props;";

    private static string MentionStatement(IReadOnlyList<Dictionary<string, object?>> rows) =>
        Rows(rows) + "MERGE (m:Mention {id: row.id})\nSET m += row.props\nMERGE (d:Document {id: row.docId})\nMERGE (e:Entity {id: row.entityId})\n"
        + "MERGE (m)-[:IN_DOCUMENT]->(d)\nMERGE (m)-[:REFERS_TO]->(e);";

    private static string EvidenceStatement(IReadOnlyList<Dictionary<string, object?>> rows) =>
        Rows(rows) + "MERGE (ev:Evidence {id: row.id})\nSET ev += row.props\nMERGE (d:Document {id: row.docId})\nMERGE (ev)-[:IN_DOCUMENT]->(d);";

    // Labels and relationship types cannot be parameters, so they come from the enums, never from data.
    private static string EntityStatement(EntityKind kind, IReadOnlyList<Dictionary<string, object?>> rows) =>
        Rows(rows) + $"MERGE (e:Entity {{id: row.id}})\nSET e:{kind}, e += row.props;";

    private static string FactStatement(RelationType type, IReadOnlyList<Dictionary<string, object?>> rows) =>
        Rows(rows) + $"MERGE (s:Entity {{id: row.subjectId}})\nMERGE (o:Entity {{id: row.objectId}})\nMERGE (s)-[r:{type.ToWireName()} {{factKey: row.factKey}}]->(o)\nSET r += row.props;";

    private static string EvidenceLinkStatement(IReadOnlyList<Dictionary<string, object?>> rows) =>
        Rows(rows) + "MATCH (ev:Evidence {id: row.id})\nMERGE (s:Entity {id: row.subjectId})\nMERGE (o:Entity {id: row.objectId})\n"
        + "MERGE (ev)-[:SUBJECT]->(s)\nMERGE (ev)-[:OBJECT]->(o);";

    private async Task FlushIfFullAsync(TextWriter writer, List<Dictionary<string, object?>> rows, Func<IReadOnlyList<Dictionary<string, object?>>, string> statement, CancellationToken cancellationToken)
    {
        if (rows.Count >= _batchSize)
        {
            await FlushAsync(writer, rows, statement, cancellationToken);
        }
    }

    private async Task FlushAsync(TextWriter writer, List<Dictionary<string, object?>> rows, Func<IReadOnlyList<Dictionary<string, object?>>, string> statement, CancellationToken cancellationToken)
    {
        for (var i = 0; i < rows.Count; i += _batchSize)
        {
            await writer.WriteLineAsync(statement(rows.GetRange(i, Math.Min(_batchSize, rows.Count - i))).AsMemory(), cancellationToken);
        }

        rows.Clear();
    }
}
