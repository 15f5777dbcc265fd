using RelationGraph.Core.Model;

namespace RelationGraph.Core.Identity;

/// <summary>What one of a document's entities becomes: another (stored) entity, or nothing.</summary>
/// <param name="Id">The entity's new id; null drops the entity with its mentions and facts.</param>
/// <param name="Kind">Its kind (a stored entity's kind wins over the document's guess).</param>
/// <param name="Name">Its canonical name; the document's own name is kept as an alias.</param>
public sealed record EntityTarget(string? Id, EntityKind Kind, string Name)
{
    /// <summary>Drop the entity: nothing it was joined to, and it is not worth a node of its own.</summary>
    public static EntityTarget Drop { get; } = new(null, EntityKind.Person, "");
}

/// <summary>
/// Rewrites one document's graph after identity decisions: entities renamed to the ids they were joined to (several
/// may become one), dropped ones removed with what hangs on them, and every id derived from an entity id (mention,
/// fact key, evidence) derived again, so the result is exactly what extraction would have produced had it known.
/// </summary>
public static class DocumentGraphRewriter
{
    /// <summary>The graph with <paramref name="targets"/> applied; entities not in the map stay as they are.</summary>
    public static DocumentGraph Rewrite(DocumentGraph graph, IReadOnlyDictionary<string, EntityTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            return graph;
        }

        var newId = new Dictionary<string, string?>(StringComparer.Ordinal);
        var entities = new Dictionary<string, ExtractedEntity>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entity in graph.Entities)
        {
            if (!targets.TryGetValue(entity.Id, out var target) || target.Id == entity.Id && target.Kind == entity.Kind && target.Name == entity.Name)
            {
                newId[entity.Id] = entity.Id;
                Add(entity);
                continue;
            }

            newId[entity.Id] = target.Id;
            if (target.Id is not null)
            {
                Add(entity with { Id = target.Id, Kind = target.Kind, Name = target.Name, Aliases = [entity.Name, .. entity.Aliases] });
            }
        }

        var docId = graph.Document.Id;
        var mentions = new Dictionary<string, MentionRecord>(StringComparer.Ordinal);
        foreach (var mention in graph.Mentions)
        {
            if (newId.GetValueOrDefault(mention.EntityId, mention.EntityId) is not { } entityId)
            {
                continue;
            }

            var id = entityId == mention.EntityId ? mention.Id : StableId.Mention(docId, mention.Start, mention.End, entityId);
            mentions.TryAdd(id, mention with { Id = id, EntityId = entityId });
        }

        var newKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var facts = new Dictionary<string, FactRecord>(StringComparer.Ordinal);
        foreach (var fact in graph.Facts)
        {
            var subject = newId.GetValueOrDefault(fact.SubjectId, fact.SubjectId);
            var obj = newId.GetValueOrDefault(fact.ObjectId, fact.ObjectId);
            if (subject is null || obj is null || subject == obj || !fact.Type.Joins(entities[subject].Kind, entities[obj].Kind))
            {
                continue; // an end was dropped, both ends are now one entity, or an end's kind no longer fits the type
            }

            var key = subject == fact.SubjectId && obj == fact.ObjectId ? fact.FactKey : StableId.Fact(fact.Type, subject, obj);
            newKey[fact.FactKey] = key;
            facts.TryAdd(key, new FactRecord(key, fact.Type, subject, obj).InKeyOrder());
        }

        var evidence = new Dictionary<string, EvidenceRecord>(StringComparer.Ordinal);
        foreach (var item in graph.Evidence)
        {
            if (!newKey.TryGetValue(item.FactKey, out var key))
            {
                continue;
            }

            var id = key == item.FactKey ? item.Id : StableId.Evidence(key, docId, item.Start, item.End);
            evidence.TryAdd(id, item with { Id = id, FactKey = key });
        }

        return graph with
        {
            Entities = [.. order.Select(id => entities[id])],
            Mentions = [.. mentions.Values],
            Facts = [.. facts.Values],
            Evidence = [.. evidence.Values],
        };

        void Add(ExtractedEntity entity)
        {
            if (!entities.TryGetValue(entity.Id, out var existing))
            {
                entities[entity.Id] = entity with { Aliases = CleanAliases(entity.Name, entity.Aliases) };
                order.Add(entity.Id);
                return;
            }

            entities[entity.Id] = existing with
            {
                Aliases = CleanAliases(existing.Name, [.. existing.Aliases, entity.Name, .. entity.Aliases]),
                Amount = existing.Amount ?? entity.Amount,
                Currency = existing.Currency ?? entity.Currency,
                Year = existing.Year ?? entity.Year,
                Status = existing.Status ?? entity.Status,
            };
        }
    }

    // aliases differ from the name and from each other by their key, as the extractor leaves them
    private static List<string> CleanAliases(string name, IEnumerable<string> aliases)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { NameKey.Normalise(name) };
        return [.. aliases.Where(a => seen.Add(NameKey.Normalise(a)))];
    }
}
