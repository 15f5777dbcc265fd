using System.CommandLine;
using System.Globalization;

namespace RelationGraph.Cli.Commands;

internal static class CommonOptions
{
    /// <summary><c>--db FILE</c>: shortcut for <c>Storage:Sqlite:Path</c>.</summary>
    public static Option<string?> Database { get; } = new("--db")
    {
        Description = "SQLite store file (shortcut for Storage:Sqlite:Path; default data/relationgraph.db).",
        Recursive = true,
    };

    /// <summary>
    /// <c>--max-size BYTES</c>: shortcut for <c>Ingestion:MaxDocumentBytes</c>. <c>ingest</c> fails larger documents and
    /// feed lines; <c>remove</c> needs the value the feeds were ingested with, since longer lines never became documents.
    /// </summary>
    public static Option<long?> MaxSize { get; } = new("--max-size")
    {
        Description = "Largest document or feed line in bytes (default 20 MB, Ingestion:MaxDocumentBytes); for remove, the value the feeds were ingested with.",
    };

    /// <summary>Adds the configuration <see cref="MaxSize"/> overrides, when given.</summary>
    public static Dictionary<string, string?> WithMaxSize(this Dictionary<string, string?> overrides, ParseResult parse)
    {
        if (parse.GetValue(MaxSize) is { } max)
        {
            overrides["Ingestion:MaxDocumentBytes"] = max.ToString(CultureInfo.InvariantCulture);
        }

        return overrides;
    }
}
