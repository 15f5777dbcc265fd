namespace RelationGraph.Bench;

// `dotnet run -c Release --project bench/RelationGraph.Bench -- <benchmark> [options]`
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "";
        var rest = args.Skip(1).ToArray();
        switch (name)
        {
            case "extraction":
                return Extraction.ExtractionBenchmark.Run(rest);
            case "extract-json":
                return await Extraction.ExtractJsonCommand.RunAsync(rest);
            case "paths":
                return await Paths.PathBenchmark.RunAsync(rest);
            case "rest":
                return await Rest.RestBenchmark.RunAsync(rest);
            case "ingest":
                return await Ingestion.IngestBenchmark.RunAsync(rest);
            case "load":
                return await Load.LoadBenchmark.RunAsync(rest);
            case "pathquality":
                return await PathQuality.PathQualityBenchmark.RunAsync(rest);
            case "search":
                return await Search.SearchBenchmark.RunAsync(rest);
            default:
                await Console.Error.WriteLineAsync("usage: bench <extraction|paths|rest|ingest|load|pathquality|search> [options]");
                return 2;
        }
    }
}
