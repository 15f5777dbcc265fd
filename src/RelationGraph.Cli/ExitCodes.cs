namespace RelationGraph.Cli;

/// <summary>Process exit codes of <c>relgraph</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Ok = 0;

    /// <summary>Some documents failed (ingest), or the input could not be processed (extract, path).</summary>
    public const int Failed = 1;

    /// <summary>Bad command line: unknown option, missing argument, a path that names nothing.</summary>
    public const int Usage = 2;

    /// <summary>The graph store could not be reached.</summary>
    public const int StoreUnavailable = 3;

    /// <summary>Stopped by Ctrl+C or SIGTERM after finishing the current batch (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
