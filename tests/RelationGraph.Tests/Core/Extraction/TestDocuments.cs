using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;
using RelationGraph.Core.Reading;

namespace RelationGraph.Tests.Core.Extraction;

/// <summary>The gold documents under tests/data/extraction, found from the test's working directory.</summary>
internal static class TestDocuments
{
    public static string Folder { get; } = FindFolder();

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>Reads a document as ingestion would, extracts it and returns the scorer's JSON.</summary>
    public static (string Text, string Json, DocumentGraph Batch) Extract(string textFile)
    {
        var read = new DocumentReader().Read(textFile, File.ReadAllBytes(Path(textFile)));
        Assert.True(read.Succeeded, read.Error);
        var batch = new RuleBasedExtractor().Extract(read.Document!);
        return (read.Document!.Text, ExtractionJson.Serialize(batch), batch);
    }

    public static Scoring.Result Score(string textFile, string goldFile)
    {
        var (text, json, _) = Extract(textFile);
        return Scoring.Score(text, File.ReadAllText(Path(goldFile)), json);
    }

    private static string FindFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "tests", "data", "extraction");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        throw new DirectoryNotFoundException("tests/data/extraction not found above " + AppContext.BaseDirectory);
    }
}
