using System.Diagnostics;
using System.Globalization;
using System.Text;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Extraction.Text;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Extraction;

public sealed class RobustnessTests
{
    private static readonly RuleBasedExtractor Extractor = new();

    [Fact]
    public void Extract_OneMegabyteLineWithoutSpaces_ReturnsBoundedResult()
    {
        var text = "Intro by Jane Roe. " + new string('A', 1_000_000) + " The end.";

        var batch = Extractor.Extract(SourceDocument.Create("docs/line.txt", text), TestContext.Current.CancellationToken);

        Assert.All(batch.Mentions, m => Assert.True(m.End - m.Start < 200));
    }

    [Fact]
    public void Extract_MegabyteOfCapitalisedConnectorSoup_ReturnsBoundedResult()
    {
        var text = string.Concat(Enumerable.Repeat("Bank and Trust of Capital Group and ", 30_000));

        var batch = Extractor.Extract(SourceDocument.Create("docs/soup.txt", text), TestContext.Current.CancellationToken);

        Assert.All(batch.Entities, e => Assert.True(e.Name.Length < 200));
    }

    [Fact]
    public void Extract_TextWithoutSentencePunctuation_TimeGrowsLinearly()
    {
        var small = RunOnText(25_000);
        var large = RunOnText(200_000);
        Extractor.Extract(small, TestContext.Current.CancellationToken);

        // the fastest of a few runs: what other tests running at the same time add is never subtracted, only avoided
        var smallTime = Fastest(small, runs: 3);
        var largeTime = Fastest(large, runs: 2);

        // eight times the text: linear work takes about eight times as long (10 to 13 measured), the resolver that
        // compared every family-name mention with every mention of every namesake about 200 times (27 s)
        Assert.True(largeTime < smallTime * 40, $"25 KB took {smallTime.TotalMilliseconds:0} ms, 200 KB {largeTime.TotalMilliseconds:0} ms");
    }

    // One run-on "sentence" in which ever more people share five family names, each clause also naming one by family
    // name alone: no full stop bounds any scan over the mentions, entities or namesakes seen so far.
    private static SourceDocument RunOnText(int length)
    {
        string[] syllables = ["ber", "lin", "dov", "mar", "sel", "tak", "wen", "ros", "kal", "fen", "gar", "hol"];
        string[] families = ["Lindqvist", "Brennholt", "Halvorsen", "Okafor", "Tanaka"];
        var random = new Random(7);
        string Given() => char.ToUpperInvariant(syllables[random.Next(12)][0]) + syllables[random.Next(12)][1..] + syllables[random.Next(12)] + "a";
        var text = new StringBuilder(length + 100);
        while (text.Length < length)
        {
            var family = families[random.Next(5)];
            text.Append(CultureInfo.InvariantCulture, $"{Given()} {family} met {Given()} {families[random.Next(5)]} and {family} said ");
        }

        return SourceDocument.Create("docs/run-on.txt", text.ToString());
    }

    private static TimeSpan Fastest(SourceDocument document, int runs)
    {
        var fastest = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            Extractor.Extract(document, TestContext.Current.CancellationToken);
            fastest = watch.Elapsed < fastest ? watch.Elapsed : fastest;
        }

        return fastest;
    }

    [Fact]
    public void Extract_TextLongerThanCap_ReadsOnlyTheCap()
    {
        var extractor = new RuleBasedExtractor(maxTextLength: 1000);
        var text = string.Concat(Enumerable.Repeat("Mayor Lena Vogt met Oskar Brandt in Bremen. ", 200));

        var batch = extractor.Extract(SourceDocument.Create("docs/long.txt", text), TestContext.Current.CancellationToken);

        Assert.All(batch.Mentions, m => Assert.True(m.End <= 1000));
        Assert.NotEmpty(batch.Mentions);
    }

    [Fact]
    public void Extract_DocumentWithEmoji_SpansMatchCodePointText()
    {
        const string text = "🚀🚀 Update 😀: Carla Mendes, chief executive of Orbital Freight Corp, met Senator Paul Whitcombe. 😀 Mendes signed a $40 million contract with the Port Authority of Lisbon [3].";

        var batch = Extractor.Extract(SourceDocument.Create("docs/emoji.txt", text), TestContext.Current.CancellationToken);

        Assert.NotEmpty(batch.Mentions);
        Assert.NotEmpty(batch.Evidence);
        foreach (var mention in batch.Mentions)
        {
            Assert.Equal(mention.Text, CodePointIndex.Slice(text, mention.Start, mention.End));
        }

        foreach (var evidence in batch.Evidence)
        {
            Assert.Equal(evidence.Quote, CodePointIndex.Slice(text, evidence.Start, evidence.End));
        }
    }

    [Fact]
    public void Extract_SharedInstanceFromManyThreads_GivesSameResult()
    {
        var document = SourceDocument.Create("docs/seed.txt", File.ReadAllText(TestDocuments.Path("seed.txt")));
        var expected = ExtractionJson.Serialize(Extractor.Extract(document, TestContext.Current.CancellationToken));

        var results = new string[8];
        Parallel.For(0, results.Length, i => results[i] = ExtractionJson.Serialize(Extractor.Extract(document)));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Extract_RandomPunctuationSoup_DoesNotThrow()
    {
        var random = new Random(7);
        var builder = new StringBuilder();
        const string alphabet = "Aa .,;:'\"[]()$€£1234567890-\n•’s😀\u0000";
        for (var i = 0; i < 200_000; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        var batch = Extractor.Extract(SourceDocument.Create("docs/soup.txt", builder.ToString()), TestContext.Current.CancellationToken);

        Assert.NotNull(batch);
    }
}
