namespace RelationGraph.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        _ = args;
        return Task.FromResult(0);
    }
}
