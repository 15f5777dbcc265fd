using RelationGraph.Core.Extraction;
using RelationGraph.Core.Extraction.Segmentation;

namespace RelationGraph.Tests.Core.Extraction;

public sealed class SentenceSegmenterTests
{
    private static List<string> Split(string text, out IReadOnlyList<Sentence> sentences)
    {
        sentences = SentenceSegmenter.Split(text, Lexicon.Instance);
        return sentences.Select(s => text[s.Start..s.End]).ToList();
    }

    [Fact]
    public void Split_Abbreviations_DoNotEndSentences()
    {
        var parts = Split("Dr. Jane Roe of Acme Inc. met U.S. officials on Monday. She left at 5 p.m. sharp. Prices rose 1.8 percent.", out _);

        Assert.Equal(["Dr. Jane Roe of Acme Inc. met U.S. officials on Monday.", "She left at 5 p.m. sharp.", "Prices rose 1.8 percent."], parts);
    }

    [Fact]
    public void Split_CitationsAfterFullStop_StayWithTheirSentence()
    {
        var parts = Split("Musk-free text here. The deal closed [14]. Then it grew [11][11]. \"Really?\" [6] And more.", out var sentences);

        Assert.Equal("The deal closed [14].", parts[1]);
        Assert.Equal(["[14]"], sentences[1].Citations);
        Assert.Equal("Then it grew [11][11].", parts[2]);
        Assert.Equal(["[11]", "[11]"], sentences[2].Citations);
        Assert.Equal("\"Really?\" [6]", parts[3]);
        Assert.Equal(["[6]"], sentences[3].Citations);
    }

    [Fact]
    public void Split_BulletsAndHeadings_AreSeparateLines()
    {
        var parts = Split("Key findings\n\n  • First item here\n  • Second item [2]\nBody text follows.", out var sentences);

        Assert.Equal(["Key findings", "First item here", "Second item [2]", "Body text follows."], parts);
        Assert.True(sentences[0].IsHeading);
        Assert.True(sentences[1].IsListItem);
        Assert.False(sentences[3].IsHeading);
    }

    [Fact]
    public void Split_ScrapedBoilerplateLines_AreSkippedButOffsetsStayRaw()
    {
        const string text = "top of page\n  • Facebook\n\nImage Source: AI Generated\nReal sentence here.\n\nComments\n\nbottom of page";

        var parts = Split(text, out var sentences);

        Assert.Equal(["Real sentence here."], parts);
        Assert.Equal(text.IndexOf("Real", StringComparison.Ordinal), sentences[0].Start);
    }
}
