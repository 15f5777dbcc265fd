using RelationGraph.Core.Extraction;
using RelationGraph.Core.Reading;

namespace RelationGraph.Bench.Extraction;

// `extract-json <file>`: reads a file as ingestion would and prints the extraction as score.py JSON.
internal static class ExtractJsonCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: bench extract-json <file>");
            return 2;
        }

        var path = args[0];
        var read = new DocumentReader().Read(path, await File.ReadAllBytesAsync(path));
        if (read.Document is null)
        {
            await Console.Error.WriteLineAsync($"{path}: {read.ErrorCode}: {read.Error}");
            return 1;
        }

        var batch = new RuleBasedExtractor().Extract(read.Document);
        using var stdout = Console.OpenStandardOutput();
        ExtractionJson.Write(stdout, batch);
        return 0;
    }
}
