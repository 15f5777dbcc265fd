using System.CommandLine;
using Microsoft.Extensions.Options;
using RelationGraph.Cli.Commands;
using RelationGraph.Hosting;

namespace RelationGraph.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = CreateRootCommand();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("relgraph: " + error.Message);
            }

            await Console.Error.WriteLineAsync("Run 'relgraph --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            // Ctrl+C and SIGTERM cancel the command's token; a job then finishes its current batch, so allow it time
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                ProcessTerminationTimeout = TimeSpan.FromMinutes(2),
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception ex) when (ex is ConfigurationException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync("relgraph: configuration error: " + ex.Message);
            return ExitCodes.Usage;
        }
    }

    public static RootCommand CreateRootCommand() =>
        new("relgraph: build and query an entity-relationship graph from documents.")
        {
            IngestCommand.Create(),
            WatchCommand.Create(),
            RemoveCommand.Create(),
            PathCommand.Create(),
            EntitiesCommand.Create(),
            ExtractCommand.Create(),
            ExportCommand.Create(),
        };
}
