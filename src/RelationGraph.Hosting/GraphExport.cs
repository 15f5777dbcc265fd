using System.Text;
using RelationGraph.Core.Export;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j.Export;

namespace RelationGraph.Hosting;

/// <summary>Formats of <c>relgraph export --format</c>.</summary>
public enum GraphExportFormat
{
    /// <summary>An idempotent Cypher script for cypher-shell (<see cref="CypherScriptExporter"/>).</summary>
    Cypher,

    /// <summary>GraphML of entities and facts (<see cref="GraphMLExporter"/>).</summary>
    GraphML,

    /// <summary>A folder of neo4j-admin import files (<see cref="Neo4jCsvExporter"/>).</summary>
    Csv,
}

/// <summary>One entry point for the CLI: a store's export stream to a file, a folder or a writer, in any of the formats.</summary>
public static class GraphExport
{
    /// <summary>Parses a format name case-insensitively (<c>cypher</c>, <c>graphml</c>, <c>csv</c>).</summary>
    public static bool TryParse(string? value, out GraphExportFormat format) =>
        Enum.TryParse(value, ignoreCase: true, out format) && Enum.IsDefined(format);

    /// <summary>
    /// Writes <paramref name="items"/> (from <see cref="IGraphStore.ExportAsync"/>) in <paramref name="format"/>:
    /// to <paramref name="output"/> (a file, or for CSV a folder), or to <paramref name="console"/> when no
    /// output is given (CSV needs a folder). <paramref name="cypherSchema"/> is cypher/schema.cypher, put first in
    /// Cypher scripts.
    /// </summary>
    public static async Task WriteAsync(GraphExportFormat format, IAsyncEnumerable<GraphExportItem> items, string? output, TextWriter console,
        string? cypherSchema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (format == GraphExportFormat.Csv)
        {
            if (string.IsNullOrWhiteSpace(output))
            {
                throw new ArgumentException("CSV export writes several files: give a folder with --out.", nameof(output));
            }

            await Neo4jCsvExporter.WriteAsync(items, output, cancellationToken);
            return;
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            await WriteTextAsync(format, items, console, cypherSchema, cancellationToken);
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // written beside the target and moved into place, so a failed export never leaves half a file behind
        var partial = output + ".partial";
        await using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            await WriteTextAsync(format, items, writer, cypherSchema, cancellationToken);
        }

        File.Move(partial, output, overwrite: true);
    }

    private static Task WriteTextAsync(GraphExportFormat format, IAsyncEnumerable<GraphExportItem> items, TextWriter writer, string? cypherSchema, CancellationToken cancellationToken) =>
        format == GraphExportFormat.Cypher
            ? new CypherScriptExporter().WriteAsync(items, writer, cypherSchema, cancellationToken)
            : GraphMLExporter.WriteAsync(items, writer, cancellationToken);
}
