using System.Collections;
using System.Globalization;
using System.Text;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Neo4j.Export;

/// <summary>
/// Writes the graph as <c>neo4j-admin database import full</c> input: node files with <c>:ID</c> and
/// <c>:LABEL</c>, relationship files with <c>:START_ID</c>, <c>:END_ID</c> and <c>:TYPE</c>, typed columns,
/// arrays separated by <c>;</c>, every string quoted (document text spans lines: import with
/// <c>--multiline-fields=true</c>). <see cref="ImportCommand"/> gives the exact command.
/// </summary>
public static class Neo4jCsvExporter
{
    /// <summary>Files written, in the order the import command lists them.</summary>
    public static IReadOnlyList<string> NodeFiles { get; } = ["documents.csv", "entities.csv", "mentions.csv", "evidence.csv", "judgements.csv"];

    /// <summary>Relationship files written.</summary>
    public static IReadOnlyList<string> RelationshipFiles { get; } = ["facts.csv", "provenance.csv"];

    private static readonly string[] DocumentColumns =
        ["id:ID", ":LABEL", "sourceUri", "title", "publisher", "publishedAt", "ingestedAt", "contentHash", "extractorVersion", "length:long", "text"];

    private static readonly string[] EntityColumns =
        ["id:ID", ":LABEL", "kind", "name", "aliases:string[]", "nameKeys:string[]", "mentionCount:long", "docCount:long", "degree:long",
         "firstSeen", "lastSeen", "amount:double", "currency", "year:long", "status"];

    private static readonly string[] MentionColumns = ["id:ID", ":LABEL", "docId", "start:long", "end:long", "text", "sentenceIndex:long"];

    private static readonly string[] EvidenceColumns =
        ["id:ID", ":LABEL", "factKey", "docId", "start:long", "end:long", "quote", "citations:string[]", "extractor", "confidence:double"];

    private static readonly string[] JudgementColumns =
        ["id:ID", ":LABEL", "kind", "entityId", "entityKind", "entityName", "otherId", "otherKind", "otherName", "documents:string[]",
         "author", "createdAt", "reason", "revokedAt", "revokedBy"];

    private static readonly string[] FactColumns =
        [":START_ID", ":END_ID", ":TYPE", "factKey", "confidence:double", "evidenceCount:long", "docCount:long", "firstSeen", "lastSeen",
         "docIds:string[]", "sampleQuote", "extractors:string[]"];

    private static readonly string[] LinkColumns = [":START_ID", ":END_ID", ":TYPE"];

    /// <summary>
    /// neo4j-admin's read buffer must hold the largest row, and its default is 4 MiB: a document's text can be
    /// <see cref="Core.Ingestion.IngestionOptions.DefaultMaxDocumentBytes"/> (20 MB), twice that with every quote doubled.
    /// </summary>
    public const string ReadBufferSize = "64m";

    /// <summary>The command that imports the files of <paramref name="folder"/> into database <paramref name="database"/>.</summary>
    public static string ImportCommand(string folder, string database = "neo4j") =>
        $"neo4j-admin database import full {database} --overwrite-destination --multiline-fields=true --array-delimiter=\";\" --read-buffer-size={ReadBufferSize} "
        + string.Join(' ', NodeFiles.Select(f => $"--nodes={Path.Combine(folder, f)}"))
        + " " + string.Join(' ', RelationshipFiles.Select(f => $"--relationships={Path.Combine(folder, f)}"));

    /// <summary>Writes the CSV files into <paramref name="folder"/> (created if missing), replacing older ones.</summary>
    public static async Task WriteAsync(IAsyncEnumerable<GraphExportItem> items, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        Directory.CreateDirectory(folder);
        var join = new ExportJoin();
        await using var documents = await OpenAsync(folder, "documents.csv", DocumentColumns, cancellationToken);
        await using var mentions = await OpenAsync(folder, "mentions.csv", MentionColumns, cancellationToken);
        await using var evidence = await OpenAsync(folder, "evidence.csv", EvidenceColumns, cancellationToken);
        await using var links = await OpenAsync(folder, "provenance.csv", LinkColumns, cancellationToken);
        await using var judgements = await OpenAsync(folder, "judgements.csv", JudgementColumns, cancellationToken);
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (item.Document is { } d)
            {
                var p = ExportRows.Document(d);
                await WriteRowAsync(documents, [d.Document.Id, "Document", .. DocumentColumns[2..].Select(c => p[Name(c)])], cancellationToken);
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
                var p = ExportRows.Mention(m);
                await WriteRowAsync(mentions, [m.Id, "Mention", .. MentionColumns[2..].Select(c => p[Name(c)])], cancellationToken);
                await WriteRowAsync(links, [m.Id, m.DocumentId, "IN_DOCUMENT"], cancellationToken);
                await WriteRowAsync(links, [m.Id, m.EntityId, "REFERS_TO"], cancellationToken);
            }
            else if (item.Evidence is { } ev)
            {
                var p = ExportRows.Evidence(ev);
                join.Evidence.Add((ev.Id, ev.FactKey, ev.DocumentId));
                await WriteRowAsync(evidence, [ev.Id, "Evidence", .. EvidenceColumns[2..].Select(c => p[Name(c)])], cancellationToken);
                await WriteRowAsync(links, [ev.Id, ev.DocumentId, "IN_DOCUMENT"], cancellationToken);
            }
            else if (item.Judgement is { } j)
            {
                var p = JudgementRows.Props(j);
                await WriteRowAsync(judgements, [j.Id, "Judgement", .. JudgementColumns[2..].Select(c => p[Name(c)])], cancellationToken);
            }
        }

        foreach (var (evidenceId, factKey, _) in join.Evidence.Where(e => join.Facts.ContainsKey(e.FactKey)))
        {
            await WriteRowAsync(links, [evidenceId, join.Facts[factKey].SubjectId, "SUBJECT"], cancellationToken);
            await WriteRowAsync(links, [evidenceId, join.Facts[factKey].ObjectId, "OBJECT"], cancellationToken);
        }

        var degrees = join.Degrees();
        await using (var entities = await OpenAsync(folder, "entities.csv", EntityColumns, cancellationToken))
        {
            foreach (var e in join.Entities)
            {
                var p = ExportRows.Entity(e, degrees.GetValueOrDefault(e.Entity.Id));
                await WriteRowAsync(entities, [e.Entity.Id, "Entity;" + e.Entity.Kind, .. EntityColumns[2..].Select(c => p[Name(c)])], cancellationToken);
            }
        }

        var docIds = join.DocIdsByFact();
        await using var facts = await OpenAsync(folder, "facts.csv", FactColumns, cancellationToken);
        foreach (var f in join.Facts.Values)
        {
            var p = ExportRows.Fact(f, [.. docIds[f.FactKey]]);
            await WriteRowAsync(facts, [f.SubjectId, f.ObjectId, f.Type.ToWireName(), .. FactColumns[3..].Select(c => p[Name(c)])], cancellationToken);
        }
    }

    /// <summary>One CSV field: null is an empty unquoted field (no property); strings are always quoted.</summary>
    internal static string Field(object? value) => value switch
    {
        null => "",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IEnumerable list => ArrayField(list.Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList()),
        _ => throw new ArgumentException($"Cannot write a {value.GetType().Name} to CSV.", nameof(value)),
    };

    // neo4j-admin has no escape for the array delimiter, so a ';' inside an element becomes ','.
    private static string ArrayField(List<string> items) =>
        items.Count == 0 ? "" : Quote(string.Join(';', items.Select(i => i.Replace(';', ','))));

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Name(string column) => column.Split(':')[0];

    private static async Task<StreamWriter> OpenAsync(string folder, string file, string[] columns, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(Path.Combine(folder, file), append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        await writer.WriteLineAsync(string.Join(',', columns).AsMemory(), cancellationToken);
        return writer;
    }

    private static Task WriteRowAsync(StreamWriter writer, object?[] values, CancellationToken cancellationToken) =>
        writer.WriteLineAsync(string.Join(',', values.Select(Field)).AsMemory(), cancellationToken);
}
