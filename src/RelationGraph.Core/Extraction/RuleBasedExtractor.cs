using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Events;
using RelationGraph.Core.Extraction.Mentions;
using RelationGraph.Core.Extraction.Relations;
using RelationGraph.Core.Extraction.Resolution;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction;

/// <summary>
/// The default offline extractor: sentences → mentions → entities → facts, all by rules and lexicons.
/// Pure and thread-safe: one instance serves any number of threads.
/// </summary>
public sealed class RuleBasedExtractor : IDocumentExtractor
{
    /// <summary>Extractor name recorded on evidence.</summary>
    public const string ExtractorName = "rules";

    /// <summary>Bumped whenever the output for the same text changes.</summary>
    public const string ExtractorVersion = "rules-2.0.0";

    /// <summary>
    /// Text past this many UTF-16 units is not read, so one huge document stays bounded in time and memory; the batch
    /// then says how much was read (<see cref="DocumentGraph.ExtractedLength"/>) and ingestion reports it truncated.
    /// </summary>
    public const int DefaultMaxTextLength = 8 * 1024 * 1024;

    // The finders are stateless and thread-safe; building their patterns costs about a second, so once per process.
    private static readonly Lazy<(MentionFinder Mentions, RelationFinder Relations)> Finders =
        new(() => (new MentionFinder(Lexicon.Instance), new RelationFinder(Lexicon.Instance)), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly int _maxTextLength;

    /// <summary>Creates the extractor; lexicons and patterns load once per process, on first use, from embedded resources.</summary>
    public RuleBasedExtractor()
        : this(DefaultMaxTextLength)
    {
    }

    /// <summary>Creates the extractor with a cap on the text length it reads.</summary>
    public RuleBasedExtractor(int maxTextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTextLength);
        _maxTextLength = maxTextLength;
    }

    /// <inheritdoc />
    public string Name => ExtractorName;

    /// <inheritdoc />
    public string Version => ExtractorVersion;

    /// <inheritdoc />
    public ValueTask<DocumentGraph> ExtractAsync(SourceDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return ValueTask.FromResult(Extract(document, cancellationToken));
    }

    /// <summary>Synchronous form of <see cref="ExtractAsync"/>.</summary>
    public DocumentGraph Extract(SourceDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var readable = NewsFurniture.Blank(text.Length <= _maxTextLength ? text : text[..SafeCut(text, _maxTextLength)]);
        var sentences = SentenceSegmenter.Split(readable, Lexicon.Instance);

        var mentions = new List<Mention>();
        for (var s = 0; s < sentences.Count; s++)
        {
            if ((s & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var before = mentions.Count;
            try
            {
                Finders.Value.Mentions.Find(readable, sentences[s], mentions);
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological sentence loses its mentions; the document still extracts.
                mentions.RemoveRange(before, mentions.Count - before);
            }
        }

        MentionFinder.DropAcronymsDefinedAsOtherThings(readable, mentions);
        var entities = new List<EntityDraft>();
        var assignment = EntityResolver.Resolve(readable, sentences, mentions, entities);
        var masked = Mask(readable, sentences, mentions, assignment, entities);

        var facts = new List<FactDraft>();
        for (var s = 0; s < masked.Count; s++)
        {
            if ((s & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var sentence = masked[s];
            var before = facts.Count;
            try
            {
                Finders.Value.Relations.Find(sentence, entities, facts);
            }
            catch (RegexMatchTimeoutException)
            {
                facts.RemoveRange(before, facts.Count - before);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        Bounded(() => ContractFinder.Find(readable, masked, entities, facts), entities, facts);
        Bounded(() => AwardNoticeFinder.Find(readable, masked, entities, facts), entities, facts);
        Bounded(() => InvestigationFinder.Find(readable, masked, entities, facts), entities, facts);
        var batch = BatchBuilder.Build(document, ExtractorName, ExtractorVersion, sentences, entities, facts);
        return readable.Length < text.Length ? batch with { ExtractedLength = readable.Length } : batch;
    }

    private static List<MaskedSentence> Mask(string text, IReadOnlyList<Sentence> sentences, List<Mention> mentions, int[] assignment, List<EntityDraft> entities)
    {
        var bySentence = new List<(int Start, int End, int Entity, EntityKind Kind)>[sentences.Count];
        for (var m = 0; m < mentions.Count; m++)
        {
            if (assignment[m] >= 0)
            {
                var mention = mentions[m];
                (bySentence[mention.Sentence] ??= []).Add((mention.Start, mention.End, assignment[m], entities[assignment[m]].Kind));
            }
        }

        var masked = new List<MaskedSentence>(sentences.Count);
        foreach (var sentence in sentences)
        {
            var list = bySentence[sentence.Index] ?? [];
            list.Sort((a, b) => a.Start.CompareTo(b.Start));
            masked.Add(MaskedSentence.Build(text, sentence, list));
        }

        return masked;
    }

    // A stage that hits the regex time limit contributes nothing rather than failing the document.
    private static void Bounded(Action stage, List<EntityDraft> entities, List<FactDraft> facts)
    {
        var entityCount = entities.Count;
        var factCount = facts.Count;
        try
        {
            stage();
        }
        catch (RegexMatchTimeoutException)
        {
            entities.RemoveRange(entityCount, entities.Count - entityCount);
            facts.RemoveRange(factCount, facts.Count - factCount);
        }
    }

    private static int SafeCut(string text, int length) => char.IsLowSurrogate(text[length]) ? length - 1 : length;
}
