using System.CommandLine;
using RelationGraph.Cli.Commands;

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

        // Ctrl+C and SIGTERM cancel the command's token; a job then finishes its current batch, so allow it time
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) });
    }

    public static RootCommand CreateRootCommand() =>
        new("relgraph: build and query an entity-relationship graph from documents.")
        {
            IngestCommand.Create(),
            WatchCommand.Create(),
            PathCommand.Create(),
        };
}
