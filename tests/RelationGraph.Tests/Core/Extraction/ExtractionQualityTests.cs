namespace RelationGraph.Tests.Core.Extraction;

/// <summary>
/// Scores the extractor against hand-annotated documents (tests/data/extraction, conventions of the shared
/// eval README). Floors sit just under the scores reached, so a regression fails here.
/// </summary>
public sealed class ExtractionQualityTests
{
    [Fact]
    public void Extract_SeedDocument_MeetsIssueThresholds()
    {
        var result = TestDocuments.Score("seed.txt", "seed-gold.json");

        Assert.True(result.Entities.F1 >= 0.85, result.ToString());
        Assert.True(result.Relations.F1 >= 0.60, result.ToString());
        Assert.True(result.Entities.F1 >= 0.95 && result.Relations.F1 >= 0.80, "regressed below the reached level: " + result);
        Assert.Equal(1.0, result.ProvenanceValid);
    }

    [Theory]
    [InlineData("procurement-bus-contract", 0.95, 0.80)]
    [InlineData("defence-drones", 0.95, 0.80)]
    [InlineData("charity-fraud", 0.95, 0.80)]
    [InlineData("regulator-energy-probe", 0.90, 0.70)]
    [InlineData("board-shipping-reshuffle", 0.95, 0.75)]
    [InlineData("police-paving-inquiry", 0.95, 0.90)]
    [InlineData("lobbying-foundation-funding", 0.90, 0.80)]
    public void Extract_OwnDomainDocument_ScoresAboveFloor(string name, double entityFloor, double relationFloor)
    {
        var result = TestDocuments.Score(name + ".txt", name + ".json");

        Assert.True(result.Entities.F1 >= entityFloor, result.ToString());
        Assert.True(result.Relations.F1 >= relationFloor, result.ToString());
        Assert.Equal(1.0, result.ProvenanceValid);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Extract_AllGoldDocuments_EverySpanEqualsTheTextAtItsOffsets()
    {
        foreach (var file in Directory.GetFiles(TestDocuments.Folder, "*.txt"))
        {
            var (text, _, batch) = TestDocuments.Extract(Path.GetFileName(file));
            var index = new RelationGraph.Core.Extraction.Text.CodePointIndex(text);

            foreach (var mention in batch.Mentions)
            {
                Assert.Equal(mention.Text, text[index.ToUtf16(mention.Start)..index.ToUtf16(mention.End)]);
            }

            foreach (var evidence in batch.Evidence)
            {
                Assert.Equal(evidence.Quote, text[index.ToUtf16(evidence.Start)..index.ToUtf16(evidence.End)]);
                Assert.Contains(batch.Facts, f => f.FactKey == evidence.FactKey);
            }
        }
    }
}
