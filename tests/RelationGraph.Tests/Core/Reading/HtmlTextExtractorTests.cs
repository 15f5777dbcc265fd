using RelationGraph.Core.Reading;

namespace RelationGraph.Tests.Core.Reading;

public sealed class HtmlTextExtractorTests
{
    private const string Sentence = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.";

    private static string Nested(int depth) => "<html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + Sentence + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";

    [Fact]
    public void Extract_NestedBeyondWhatItsBudgetParses_FailsTooComplexInsteadOfHoldingTheWorker()
    {
        // 20,000 levels (AngleSharp stops nesting at 512 and piles the rest up there) take about a second to parse here; 200,000 took minutes
        var html = Nested(20_000);

        // a budget already spent, so the outcome does not depend on the machine's speed
        var failure = Assert.Throws<HtmlTooComplexException>(() => HtmlTextExtractor.Extract(html, TimeSpan.Zero));

        Assert.Contains("did not parse within", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_BlocksAndListItems_OnePerParagraphInDocumentOrder()
    {
        var result = HtmlTextExtractor.Extract("<html><body><article><h1>Title</h1><p>First <b>bold</b> part.</p><ul><li>one</li><li>two</li></ul><p>Last.</p></article></body></html>");

        Assert.Equal("Title\n\nFirst bold part.\n\n• one\n\n• two\n\nLast.", result.Text);
    }
}
