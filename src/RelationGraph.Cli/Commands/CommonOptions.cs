using System.CommandLine;

namespace RelationGraph.Cli.Commands;

internal static class CommonOptions
{
    /// <summary><c>--db FILE</c>: shortcut for <c>Storage:Sqlite:Path</c>.</summary>
    public static Option<string?> Database { get; } = new("--db")
    {
        Description = "SQLite store file (shortcut for Storage:Sqlite:Path; default data/relationgraph.db).",
        Recursive = true,
    };
}
