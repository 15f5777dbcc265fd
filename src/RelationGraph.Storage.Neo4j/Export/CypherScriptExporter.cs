using System.Text;
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
    private readonly int _maxStatementBytes;

    /// <summary>
    /// Creates an exporter writing at most <paramref name="batchSize"/> rows and about <paramref name="maxStatementBytes"/>
    /// bytes (UTF-8) of row literals per statement: a row count alone makes a statement of 200 documents' texts
    /// gigabytes long. A single row larger than the limit is a statement of its own.
    /// </summary>
    public CypherScriptExporter(int batchSize = 200, int maxStatementBytes = 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStatementBytes, 1);
        _batchSize = batchSize;
        _maxStatementBytes = maxStatementBytes;
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

        // The store keeps running totals with state this script does not carry: dropping its mark (and, below, the state
        // of every row the script writes) makes the store fill that state in from the loaded rows at its next start.
        await writer.WriteLineAsync("// Running totals are filled in by the store at its next start.\nMATCH (f:StoreFormat) DELETE f;".AsMemory(), cancellationToken);

        var join = new ExportJoin();
        var documents = new Pending(DocumentStatement);
        var mentions = new Pending(MentionStatement);
        var evidence = new Pending(EvidenceStatement);
        var judgements = new Pending(JudgementStatement);
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (item.Document is { } d)
            {
                await AddAsync(writer, documents, Row(("id", d.Document.Id), ("props", ExportRows.Document(d))), cancellationToken);
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
                await AddAsync(writer, mentions, Row(("id", m.Id), ("docId", m.DocumentId), ("entityId", m.EntityId), ("props", ExportRows.Mention(m))), cancellationToken);
            }
            else if (item.Evidence is { } ev)
            {
                join.Evidence.Add((ev.Id, ev.FactKey, ev.DocumentId));
                await AddAsync(writer, evidence, Row(("id", ev.Id), ("docId", ev.DocumentId), ("props", ExportRows.Evidence(ev))), cancellationToken);
            }
            else if (item.Judgement is { } j)
            {
                await AddAsync(writer, judgements, Row(("id", j.Id), ("props", JudgementRows.Props(j))), cancellationToken);
            }
        }

        await FlushAsync(writer, documents, cancellationToken);
        await FlushAsync(writer, mentions, cancellationToken);
        await FlushAsync(writer, evidence, cancellationToken);
        await FlushAsync(writer, judgements, cancellationToken);

        var degrees = join.Degrees();
        foreach (var kind in join.Entities.GroupBy(e => e.Entity.Kind))
        {
            var entities = new Pending(unwind => EntityStatement(kind.Key, unwind));
            foreach (var e in kind)
            {
                await AddAsync(writer, entities, Row(("id", e.Entity.Id), ("props", ExportRows.Entity(e, degrees.GetValueOrDefault(e.Entity.Id)))), cancellationToken);
            }

            await FlushAsync(writer, entities, cancellationToken);
        }

        var docIds = join.DocIdsByFact();
        foreach (var type in join.Facts.Values.GroupBy(f => f.Type))
        {
            var facts = new Pending(unwind => FactStatement(type.Key, unwind));
            foreach (var f in type)
            {
                await AddAsync(writer, facts, Row(("subjectId", f.SubjectId), ("objectId", f.ObjectId), ("factKey", f.FactKey), ("props", ExportRows.Fact(f, [.. docIds[f.FactKey]]))), cancellationToken);
            }

            await FlushAsync(writer, facts, cancellationToken);
        }

        var links = new Pending(EvidenceLinkStatement);
        foreach (var e in join.Evidence.Where(e => join.Facts.ContainsKey(e.FactKey)))
        {
            await AddAsync(writer, links, Row(("id", e.EvidenceId), ("subjectId", join.Facts[e.FactKey].SubjectId), ("objectId", join.Facts[e.FactKey].ObjectId)), cancellationToken);
        }

        await FlushAsync(writer, links, cancellationToken);
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static string Rows(IReadOnlyList<string> literals) =>
        "UNWIND [\n  " + string.Join(",\n  ", literals) + "\n] AS row\n";

    private static string DocumentStatement(IReadOnlyList<string> rows) =>
        Rows(rows) + "MERGE (d:Document {id: row.id})\nSET d += row.props;";

    private static string MentionStatement(IReadOnlyList<string> rows) =>
        Rows(rows) + "MERGE (m:Mention {id: row.id})\nSET m += row.props\nREMOVE m.reportedAt\nMERGE (d:Document {id: row.docId})\nMERGE (e:Entity {id: row.entityId})\n"
        + "MERGE (m)-[:IN_DOCUMENT]->(d)\nMERGE (m)-[:REFERS_TO]->(e);";

    private static string EvidenceStatement(IReadOnlyList<string> rows) =>
        Rows(rows) + "MERGE (ev:Evidence {id: row.id})\nSET ev += row.props\nREMOVE ev.reportedAt, ev.negConfidence\nMERGE (d:Document {id: row.docId})\nMERGE (ev)-[:IN_DOCUMENT]->(d);";

    // identity judgements as the store keeps them (JudgementRows), so the database applies them to what it ingests next
    private static string JudgementStatement(IReadOnlyList<string> rows) =>
        Rows(rows) + "MERGE (j:Judgement {id: row.id})\nSET j += row.props;";

    // Labels and relationship types cannot be parameters, so they come from the enums, never from data.
    private static string EntityStatement(EntityKind kind, IReadOnlyList<string> rows) =>
        Rows(rows) + $"MERGE (e:Entity {{id: row.id}})\nSET e:{kind}, e += row.props;";

    private static string FactStatement(RelationType type, IReadOnlyList<string> rows) =>
        Rows(rows) + $"MERGE (s:Entity {{id: row.subjectId}})\nMERGE (o:Entity {{id: row.objectId}})\nMERGE (s)-[r:{type.ToWireName()} {{factKey: row.factKey}}]->(o)\nSET r += row.props\nREMOVE r.extractorCounts;";

    private static string EvidenceLinkStatement(IReadOnlyList<string> rows) =>
        Rows(rows) + "MATCH (ev:Evidence {id: row.id})\nMERGE (s:Entity {id: row.subjectId})\nMERGE (o:Entity {id: row.objectId})\n"
        + "MERGE (ev)-[:SUBJECT]->(s)\nMERGE (ev)-[:OBJECT]->(o);";

    // Adds a row, first writing out what is pending when the row would take the statement past either limit.
    private async Task AddAsync(TextWriter writer, Pending pending, Dictionary<string, object?> row, CancellationToken cancellationToken)
    {
        var literal = CypherLiteral.Value(row);
        var bytes = Encoding.UTF8.GetByteCount(literal);
        if (pending.Rows.Count > 0 && (pending.Rows.Count >= _batchSize || pending.Bytes + bytes > _maxStatementBytes))
        {
            await FlushAsync(writer, pending, cancellationToken);
        }

        pending.Rows.Add(literal);
        pending.Bytes += bytes;
    }

    private static async Task FlushAsync(TextWriter writer, Pending pending, CancellationToken cancellationToken)
    {
        if (pending.Rows.Count > 0)
        {
            await writer.WriteLineAsync(pending.Statement(pending.Rows).AsMemory(), cancellationToken);
            pending.Rows.Clear();
            pending.Bytes = 0;
        }
    }

    /// <summary>Row literals waiting to become one UNWIND statement.</summary>
    private sealed class Pending(Func<IReadOnlyList<string>, string> statement)
    {
        public List<string> Rows { get; } = [];

        public long Bytes { get; set; }

        public Func<IReadOnlyList<string>, string> Statement { get; } = statement;
    }
}
