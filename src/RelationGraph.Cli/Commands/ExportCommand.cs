using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Export;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j;

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
        IGraphStore store;
        try
        {
            store = services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        if (format == "csv")
        {
            var folder = Path.GetFullPath(outputPath ?? "import");
            await Neo4jCsvExporter.WriteAsync(store.ExportAsync(cancellationToken), folder, cancellationToken);
            await stderr.WriteLineAsync($"Wrote {string.Join(", ", Neo4jCsvExporter.NodeFiles.Concat(Neo4jCsvExporter.RelationshipFiles))} to {folder}");
            await stderr.WriteLineAsync("Import with: " + Neo4jCsvExporter.ImportCommand(folder));
            return ExitCodes.Ok;
        }

        if (outputPath is null)
        {
            await WriteAsync(format, store, stdout, cancellationToken);
            return ExitCodes.Ok;
        }

        var full = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using (var writer = new StreamWriter(full))
        {
            await WriteAsync(format, store, writer, cancellationToken);
        }

        return ExitCodes.Ok;
    }

    private static Task WriteAsync(string format, IGraphStore store, TextWriter writer, CancellationToken cancellationToken) => format switch
    {
        "cypher" => new CypherScriptExporter().WriteAsync(store.ExportAsync(cancellationToken), writer, CypherScripts.Schema, cancellationToken),
        _ => GraphMLExporter.WriteAsync(store.ExportAsync(cancellationToken), writer, cancellationToken),
    };
}
