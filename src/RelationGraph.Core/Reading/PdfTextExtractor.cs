using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace RelationGraph.Core.Reading;

/// <summary>Text of a PDF in reading order, one page after another, via PdfPig.</summary>
internal static class PdfTextExtractor
{
    public sealed record Result(string Text, string? Title, string? Author);

    public static Result Extract(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        var builder = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            var text = ContentOrderTextExtractor.GetText(page);
            if (!string.IsNullOrWhiteSpace(text))
            {
                if (builder.Length > 0)
                {
                    builder.Append("\n\n");
                }

                builder.Append(text.Trim());
            }
        }

        var info = pdf.Information;
        return new Result(builder.ToString(), string.IsNullOrWhiteSpace(info.Title) ? null : info.Title.Trim(), string.IsNullOrWhiteSpace(info.Author) ? null : info.Author.Trim());
    }
}
