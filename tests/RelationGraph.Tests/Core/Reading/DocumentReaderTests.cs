using System.Text;
using RelationGraph.Core.Reading;

namespace RelationGraph.Tests.Core.Reading;

public sealed class DocumentReaderTests
{
    private static readonly DocumentReader Reader = new();

    [Fact]
    public void Read_PlainTextWithBom_KeepsTextExactlyWithoutBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Headline\r\n\r\n  Body [1].  \n")).ToArray();

        var result = Reader.Read("docs/a.txt", bytes);

        Assert.True(result.Succeeded);
        Assert.Equal("Headline\r\n\r\n  Body [1].  \n", result.Document!.Text);
        Assert.Equal("Headline", result.Document.Title);
    }

    [Fact]
    public void Read_EmptyFile_FailsEmpty()
    {
        Assert.Equal("empty", Reader.Read("docs/a.txt", Array.Empty<byte>()).ErrorCode);
        Assert.Equal("empty", Reader.Read("docs/a.txt", " \n\t\n"u8.ToArray()).ErrorCode);
    }

    [Fact]
    public void Read_BinaryBytes_FailsBinary()
    {
        var result = Reader.Read("docs/a.txt", new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00 });

        Assert.Equal("binary", result.ErrorCode);
        Assert.Contains("offset 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8_FailsWithByteOffset()
    {
        var result = Reader.Read("docs/a.txt", new byte[] { 0x48, 0x69, 0x20, 0xFF, 0x21 });

        Assert.Equal("invalid-utf8", result.ErrorCode);
        Assert.Contains("0xFF at offset 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FiftyMegabytes_FailsTooLargeWithDefaultLimit()
    {
        var bytes = new byte[50 * 1024 * 1024];
        Array.Fill(bytes, (byte)'a');

        var result = Reader.Read("docs/big.txt", bytes);

        Assert.Equal("too-large", result.ErrorCode);
    }

    [Fact]
    public void Read_FiftyMegabytesWithRaisedLimit_Reads()
    {
        var bytes = new byte[50 * 1024 * 1024];
        Array.Fill(bytes, (byte)'a');
        var reader = new DocumentReader(new DocumentReaderOptions { MaxBytes = 64L * 1024 * 1024 });

        var result = reader.Read("docs/big.txt", bytes);

        Assert.True(result.Succeeded);
        Assert.Equal(bytes.Length, result.Document!.Text.Length);
    }

    [Fact]
    public void Read_HtmlPage_KeepsMainTextAndDropsBoilerplate()
    {
        const string html = """
            <html><head><title>Port audit widens</title><meta name="author" content="Ana Lima"></head>
            <body>
              <nav><a href="/">Home</a> <a href="/news">News</a></nav>
              <div class="share-bar"><a>Share on Facebook</a></div>
              <article>
                <h1>Port audit widens</h1>
                <figure><img src="x.jpg"><figcaption>Image: Getty Images</figcaption></figure>
                <p>The Harbour Authority opened an audit of Keel &amp; Sons Ltd [2].</p>
                <ul><li>First finding</li><li>Second finding</li></ul>
              </article>
              <section class="comments"><h2>Comments</h2><p>Great read!</p></section>
              <footer>© 2026 Example News</footer>
              <script>var x = 1;</script>
            </body></html>
            """;

        var result = Reader.Read("https://example.org/port.html", Encoding.UTF8.GetBytes(html));

        Assert.True(result.Succeeded, result.Error);
        var text = result.Document!.Text;
        Assert.Contains("The Harbour Authority opened an audit of Keel & Sons Ltd [2].", text, StringComparison.Ordinal);
        Assert.Contains("• First finding", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Share", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Great read", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Getty", text, StringComparison.Ordinal);
        Assert.DoesNotContain("var x", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Home", text, StringComparison.Ordinal);
        Assert.Equal("Port audit widens", result.Document.Title);
        Assert.Equal("Ana Lima", result.Document.Author);
        Assert.Equal("text/html", result.Document.MediaType);
    }

    [Fact]
    public void Read_HtmlWithoutText_FailsNoText()
    {
        var result = Reader.Read("page.html", "<html><body><script>1</script></body></html>"u8.ToArray());

        Assert.Equal("no-text", result.ErrorCode);
    }

    [Fact]
    public void Read_BrokenPdf_FailsInvalidPdf()
    {
        var result = Reader.Read("report.pdf", "%PDF-1.7\nthis is not really a pdf"u8.ToArray());

        Assert.False(result.Succeeded);
        Assert.True(result.ErrorCode is "invalid-pdf" or "no-text", result.ErrorCode);
    }

    [Fact]
    public void Read_Markdown_TitleFromHeading()
    {
        var result = Reader.Read("notes.md", "# Board changes at Acme\n\nText.\n"u8.ToArray());

        Assert.Equal("Board changes at Acme", result.Document!.Title);
        Assert.Equal("text/markdown", result.Document.MediaType);
    }
}

public sealed class PdfReadingTests
{
    [Fact]
    public void Read_PdfWithText_ReturnsItsText()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        page.AddText("The Harbour Authority opened an audit.", 12, new UglyToad.PdfPig.Core.PdfPoint(40, 700), font);
        var bytes = builder.Build();

        var result = new DocumentReader().Read("reports/audit.pdf", bytes);

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("Harbour Authority opened an audit", result.Document!.Text, StringComparison.Ordinal);
        Assert.Equal("application/pdf", result.Document.MediaType);
    }

    [Fact]
    public void Read_PdfWithoutText_FailsNoText()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);

        var result = new DocumentReader().Read("reports/scan.pdf", builder.Build());

        Assert.Equal("no-text", result.ErrorCode);
    }
}
