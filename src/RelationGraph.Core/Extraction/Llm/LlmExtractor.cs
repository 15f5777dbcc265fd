using System.Text.Json;
using Microsoft.Extensions.AI;
using RelationGraph.Core.Extraction.Relations;
using RelationGraph.Core.Extraction.Resolution;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Llm;

/// <summary>
/// Optional extractor that asks a chat model for entities and relations as JSON with verbatim quotes, then
/// finds every quote in the text again: offsets come from the text, never from the model, and whatever cannot
/// be found (a hallucinated name or quote) is dropped. Never the default; thread-safe if the client is.
/// </summary>
public sealed class LlmExtractor(IChatClient chatClient, LlmExtractorOptions options) : IDocumentExtractor
{
    /// <summary>Extractor name recorded on evidence.</summary>
    public const string ExtractorName = "llm";

    private const int MaxMentionsPerForm = 50;

    internal const string Instructions = """
        You extract a knowledge graph from one news article, report or post for investigative journalists.
        Return ONLY a JSON object, no prose, of this shape:
        {"entities":[{"type":"Person|Organisation|Contract|Investigation","name":"canonical name","aliases":["other forms"],"mentions":["verbatim text"]}],
         "relations":[{"type":"TYPE","source":"entity name","target":"entity name","quote":"verbatim sentence or clause that states it"}]}
        Rules:
        - Person: named real individuals. Not pronouns, unnamed officials or epithets.
        - Organisation: companies, agencies, offices, committees, military services, caucuses. Not countries, cities, places,
          whole national governments, products, services or programmes.
        - Contract: one specific deal, award or contract with a value or year and a counterpart, named like "Agency contract ($5 million)".
          Totals over many contracts are not contracts: use CONTRACTS_WITH between the two organisations.
        - Investigation: each named inquiry, probe, audit, review, hearing or investigation, requested ones included.
        - Relation types and directions: EMPLOYED_BY, LEADS, MEMBER_OF (Person -> Organisation); OWNS (Person/Organisation -> Organisation);
          PARTY_TO (Person/Organisation -> Contract); AWARDED_BY (Contract -> Organisation); CONTRACTS_WITH (contractor -> customer);
          FUNDS; INVESTIGATES and SUBJECT_OF (Person/Organisation -> Investigation); COMMUNICATES_WITH, ASSOCIATED_WITH (symmetric).
        - LEADS only where a title marks the head (chief executive, chairman, secretary, director of); other roles are EMPLOYED_BY.
        - Co-mention alone is not a relation.
        - Every "mentions" item and every "quote" must be copied character for character from the text.
        """;

    /// <summary>Version: changes with the prompt and the model.</summary>
    public string Version => "llm-1.0.0+" + options.Model;

    /// <inheritdoc />
    public string Name => ExtractorName;

    /// <inheritdoc />
    public async ValueTask<DocumentGraph> ExtractAsync(SourceDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text.Length <= options.MaxTextLength ? document.Text : document.Text[..options.MaxTextLength];
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Instructions),
            new(ChatRole.User, "Text:\n" + text),
        };
        var chatOptions = new ChatOptions
        {
            ModelId = string.IsNullOrWhiteSpace(options.Model) ? null : options.Model,
            ResponseFormat = ChatResponseFormat.Json,
            Temperature = 0,
        };
        var response = await chatClient.GetResponseAsync(messages, chatOptions, cancellationToken);
        return Build(document, text, response.Text);
    }

    /// <summary>Builds the batch from the model's answer; offsets are found in <paramref name="text"/>.</summary>
    internal DocumentGraph Build(SourceDocument document, string text, string answer)
    {
        using var json = Parse(answer);
        var root = json.RootElement;
        var sentences = SentenceSegmenter.Split(text, Lexicon.Instance);
        var drafts = new List<EntityDraft>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);

        if (root.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in entities.EnumerateArray())
            {
                var name = String(item, "name");
                if (string.IsNullOrWhiteSpace(name) || !EntityKinds.TryParse(String(item, "type"), out var kind))
                {
                    continue;
                }

                var draft = new EntityDraft(kind, name.Trim());
                var forms = Strings(item, "mentions").Concat(Strings(item, "aliases")).Append(name).Distinct(StringComparer.Ordinal);
                foreach (var form in forms)
                {
                    foreach (var start in Occurrences(text, form))
                    {
                        draft.AddSpan(start, start + form.Length, form, SentenceAt(sentences, start));
                    }
                }

                if (draft.Spans.Count == 0)
                {
                    continue;
                }

                var index = drafts.Count;
                drafts.Add(draft);
                byName.TryAdd(NameKey.Normalise(name), index);
                foreach (var alias in Strings(item, "aliases"))
                {
                    byName.TryAdd(NameKey.Normalise(alias), index);
                }
            }
        }

        var facts = new List<FactDraft>();
        if (root.TryGetProperty("relations", out var relations) && relations.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in relations.EnumerateArray())
            {
                if (!RelationTypes.TryParse(String(item, "type"), out var type)
                    || !byName.TryGetValue(NameKey.Normalise(String(item, "source") ?? ""), out var source)
                    || !byName.TryGetValue(NameKey.Normalise(String(item, "target") ?? ""), out var target))
                {
                    continue;
                }

                var quote = String(item, "quote") ?? String(item, "evidence");
                if (string.IsNullOrWhiteSpace(quote))
                {
                    continue;
                }

                var at = text.IndexOf(quote, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                facts.Add(new FactDraft(type, source, target, at, at + quote.Length, options.Confidence, SentenceAt(sentences, at)));
            }
        }

        return BatchBuilder.Build(document, ExtractorName, Version, sentences, drafts, facts);
    }

    private static JsonDocument Parse(string answer)
    {
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            throw new LlmExtractionException("the model's answer holds no JSON object: " + Preview(answer));
        }

        try
        {
            return JsonDocument.Parse(answer.AsMemory(start, end - start + 1));
        }
        catch (JsonException exception)
        {
            throw new LlmExtractionException("the model's answer is not valid JSON: " + exception.Message + ": " + Preview(answer), exception);
        }
    }

    private static string Preview(string answer) => answer.Length <= 200 ? answer : answer[..200] + "…";

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                yield return item.GetString()!;
            }
        }
    }

    // Whole-word occurrences only, so "Ann" does not match inside "Annual".
    private static IEnumerable<int> Occurrences(string text, string form)
    {
        var found = 0;
        var at = text.IndexOf(form, StringComparison.Ordinal);
        while (at >= 0 && found < MaxMentionsPerForm)
        {
            var end = at + form.Length;
            var startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var endsWord = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startsWord && endsWord)
            {
                found++;
                yield return at;
            }

            at = text.IndexOf(form, at + 1, StringComparison.Ordinal);
        }
    }

    private static int SentenceAt(IReadOnlyList<Sentence> sentences, int position)
    {
        foreach (var sentence in sentences)
        {
            if (position < sentence.End)
            {
                return sentence.Index;
            }
        }

        return Math.Max(0, sentences.Count - 1);
    }
}
