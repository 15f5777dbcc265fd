using System.CommandLine;
using RelationGraph.Cli.Hosting;
using RelationGraph.Hosting;
using RelationGraph.Storage.Neo4j;
using RelationGraph.Storage.Neo4j.Export;

namespace RelationGraph.Cli.Commands;

/// <summary><c>relgraph export --format cypher|graphml|csv [--out PATH]</c>: the whole graph in a format other tools load.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "cypher (idempotent cypher-shell script), graphml, or csv (neo4j-admin import files).", Required = true };
        format.AcceptOnlyFromAmong("cypher", "graphml", "csv");
        var output = new Option<string?>("--out") { Description = "File (cypher, graphml; default stdout) or folder (csv; default 'import')." };
        var command = new Command("export", "Export the whole graph: entities, facts, documents, mentions and evidence.") { format, output, CommonOptions.Database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database));
            return await RunAsync(parse.GetValue(format)!, parse.GetValue(output), host.Services, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(string format, string? outputPath, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (outputPath is not null && !format.Equals("csv", StringComparison.OrdinalIgnoreCase) && OutputPaths.WriteError(outputPath) is { } unwritable)
        {
            await stderr.WriteLineAsync($"relgraph export: --out: {unwritable}");
            return ExitCodes.Usage;
        }

        var (store, unavailable) = await IngestCommand.OpenStoreAsync(services, stderr, cancellationToken, readingCommand: "export");
        if (store is null)
        {
            return unavailable;
        }

        if (!GraphExport.TryParse(format, out var parsed))
        {
            await stderr.WriteLineAsync($"relgraph export: unknown format '{format}'; use cypher, graphml or csv");
            return ExitCodes.Usage;
        }

        if (parsed == GraphExportFormat.Csv)
        {
            outputPath = Path.GetFullPath(outputPath ?? "import");
        }

        await GraphExport.WriteAsync(parsed, store.ExportAsync(cancellationToken), outputPath, stdout, CypherScripts.Schema, cancellationToken);
        if (parsed == GraphExportFormat.Csv)
        {
            await stderr.WriteLineAsync($"Wrote {string.Join(", ", Neo4jCsvExporter.NodeFiles.Concat(Neo4jCsvExporter.RelationshipFiles))} to {outputPath}");
            await stderr.WriteLineAsync("Import with: " + Neo4jCsvExporter.ImportCommand(outputPath!));
        }

        return ExitCodes.Ok;
    }
}
