using RelationGraph.Core.Extraction.Relations;
using RelationGraph.Core.Extraction.Resolution;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Extraction.Text;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction;

/// <summary>Turns one document's drafts into a <see cref="DocumentGraph"/> with stable ids and code point offsets.</summary>
internal static class BatchBuilder
{
    public static DocumentGraph Build(SourceDocument document, string extractor, string version, IReadOnlyList<Sentence> sentences,
        List<EntityDraft> drafts, List<FactDraft> facts)
    {
        var text = document.Text;
        var index = new CodePointIndex(text);
        var ids = new string?[drafts.Count];
        var events = EventIdentities(drafts, facts);
        var entities = new Dictionary<string, ExtractedEntity>(StringComparer.Ordinal);
        var mentions = new Dictionary<string, MentionRecord>(StringComparer.Ordinal);
        for (var e = 0; e < drafts.Count; e++)
        {
            var draft = drafts[e];
            if (draft.Spans.Count == 0)
            {
                continue;
            }

            var id = events.TryGetValue(e, out var identifying)
                ? StableId.Event(draft.Kind, draft.IdentityName ?? draft.Name, identifying)
                : StableId.Entity(draft.Kind, draft.IdentityName ?? draft.Name);
            ids[e] = id;
            var aliases = draft.Spans.Select(s => s.Text)
                .Where(a => !string.Equals(NameKey.Normalise(a), NameKey.Normalise(draft.Name), StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (entities.TryGetValue(id, out var existing))
            {
                aliases = [.. existing.Aliases.Union(aliases, StringComparer.Ordinal)];
            }

            entities[id] = new ExtractedEntity(id, draft.Kind, draft.Name, aliases)
            {
                Amount = draft.Amount,
                Currency = draft.Currency,
                Year = draft.Year,
                Status = draft.Status,
            };
            foreach (var (start, end, surface, sentence) in draft.Spans)
            {
                var cpStart = index.ToCodePoint(start);
                var cpEnd = index.ToCodePoint(end);
                var mentionId = StableId.Mention(document.Id, cpStart, cpEnd, id);
                mentions.TryAdd(mentionId, new MentionRecord(mentionId, document.Id, id, cpStart, cpEnd, surface, sentence));
            }
        }

        var factRecords = new Dictionary<string, FactRecord>(StringComparer.Ordinal);
        var evidence = new Dictionary<string, EvidenceRecord>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            var subject = ids[fact.Subject];
            var obj = ids[fact.Object];
            if (subject is null || obj is null || subject == obj || !fact.Type.Joins(drafts[fact.Subject].Kind, drafts[fact.Object].Kind))
            {
                continue;
            }

            var key = StableId.Fact(fact.Type, subject, obj);
            factRecords.TryAdd(key, new FactRecord(key, fact.Type, subject, obj).InKeyOrder());
            var cpStart = index.ToCodePoint(fact.EvidenceStart);
            var cpEnd = index.ToCodePoint(fact.EvidenceEnd);
            var evidenceId = StableId.Evidence(key, document.Id, cpStart, cpEnd);
            var record = new EvidenceRecord(evidenceId, key, document.Id, cpStart, cpEnd, text[fact.EvidenceStart..fact.EvidenceEnd],
                CitationsIn(sentences, fact.EvidenceStart, fact.EvidenceEnd), fact.Rule is null ? extractor : extractor + "/" + fact.Rule, fact.Confidence);
            if (!evidence.TryGetValue(evidenceId, out var previous) || previous.Confidence < record.Confidence)
            {
                evidence[evidenceId] = record;
            }
        }

        return new DocumentGraph(document, version, [.. entities.Values], [.. mentions.Values], [.. factRecords.Values], [.. evidence.Values]);
    }

    // What identifies a contract or an investigation besides its label (awarder or investigator and value, which many
    // share): the loose names of its parties, awarders, investigators and subjects, with their roles. Two $3.4 billion
    // contracts of one agency with different firms are two nodes, not one junction between all three firms.
    private static Dictionary<int, IReadOnlyList<string>> EventIdentities(List<EntityDraft> drafts, List<FactDraft> facts)
    {
        var parts = new Dictionary<int, SortedSet<string>>();
        foreach (var fact in facts)
        {
            var subject = drafts[fact.Subject];
            var obj = drafts[fact.Object];
            if (subject.Spans.Count == 0 || obj.Spans.Count == 0 || !fact.Type.Joins(subject.Kind, obj.Kind))
            {
                continue;
            }

            var (eventIndex, other) = obj.Kind is EntityKind.Contract or EntityKind.Investigation ? (fact.Object, subject)
                : subject.Kind is EntityKind.Contract or EntityKind.Investigation ? (fact.Subject, obj)
                : (-1, subject);
            if (eventIndex < 0)
            {
                continue;
            }

            if (!parts.TryGetValue(eventIndex, out var set))
            {
                parts[eventIndex] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.Add(fact.Type.ToWireName() + ":" + Identity.NameVariants.LooseKey(other.Name));
        }

        return parts.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value]);
    }

    // The citation markers of every sentence the evidence span touches, in order, each once.
    private static List<string> CitationsIn(IReadOnlyList<Sentence> sentences, int start, int end)
    {
        int lo = 0, hi = sentences.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sentences[mid].End <= start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var citations = new List<string>();
        for (var i = lo; i < sentences.Count && sentences[i].Start < end; i++)
        {
            foreach (var citation in sentences[i].Citations)
            {
                if (!citations.Contains(citation))
                {
                    citations.Add(citation);
                }
            }
        }

        return citations;
    }
}
