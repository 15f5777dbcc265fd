using RelationGraph.Core.Extraction.Text;

namespace RelationGraph.Tests.Core.Extraction;

public sealed class CodePointIndexTests
{
    [Fact]
    public void ToCodePoint_TextWithAstralCharacters_CountsEachPairOnce()
    {
        const string text = "a😀b😀😀c";
        var index = new CodePointIndex(text);

        Assert.Equal(6, index.CodePointLength);
        Assert.Equal(0, index.ToCodePoint(0));
        Assert.Equal(2, index.ToCodePoint(3));
        Assert.Equal(3, index.ToCodePoint(4));
        Assert.Equal(5, index.ToCodePoint(8));
        Assert.Equal(6, index.ToCodePoint(text.Length));
    }

    [Fact]
    public void ToUtf16_RoundTripsEveryCodePointOffset()
    {
        const string text = "𝔸lpha 😀 beta 🇺🇳 gamma";
        var index = new CodePointIndex(text);

        for (var cp = 0; cp <= index.CodePointLength; cp++)
        {
            Assert.Equal(cp, index.ToCodePoint(index.ToUtf16(cp)));
        }

        Assert.Equal("beta", CodePointIndex.Slice(text, 8, 12));
    }

    [Fact]
    public void ToCodePoint_BmpOnlyText_IsIdentity()
    {
        var index = new CodePointIndex("plain text");

        Assert.Equal(7, index.ToCodePoint(7));
        Assert.Equal(7, index.ToUtf16(7));
    }
}
