namespace RelationGraph.Core.Paths;

/// <summary>The names users give a <see cref="PathMode"/>, the same in the API's <c>mode</c> and the CLI's <c>--mode</c>.</summary>
public static class PathModes
{
    /// <summary>The names to offer in help and error messages.</summary>
    public const string Names = "shortest, k-shortest or all";

    /// <summary>
    /// Parses a mode name, case-insensitively: <c>shortest</c> (also when empty), <c>k-shortest</c> or <c>kshortest</c>,
    /// <c>all</c>, <c>all-simple</c> or <c>allsimple</c>. False for anything else.
    /// </summary>
    public static bool TryParse(string? value, out PathMode mode)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "shortest":
                mode = PathMode.Shortest;
                return true;
            case "k-shortest" or "kshortest":
                mode = PathMode.KShortest;
                return true;
            case "all" or "all-simple" or "allsimple":
                mode = PathMode.AllSimple;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
