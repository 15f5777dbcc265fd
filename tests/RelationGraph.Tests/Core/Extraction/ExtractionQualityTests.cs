namespace RelationGraph.Tests.Core.Extraction;

public sealed class ExtractionQualityTests
{
    [Fact]
    public void Extract_SeedDocument_MeetsIssueThresholds()
    {
        var result = TestDocuments.Score("seed.txt", "seed-gold.json");

        Assert.True(result.Entities.F1 >= 0.85, result.ToString());
        Assert.True(result.Relations.F1 >= 0.60, result.ToString());
        Assert.Equal(1.0, result.ProvenanceValid);
    }
}
