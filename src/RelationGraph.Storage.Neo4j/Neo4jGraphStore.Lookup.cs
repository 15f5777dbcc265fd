using RelationGraph.Core.Identity;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

// Finding entities by what people type: search, names in tiers, identity candidates, the quotes that tell candidates of
// one name apart, and the identity keys given at start to entities stored before them.
public sealed partial class Neo4jGraphStore
{
    private const int IdentityKeysPageSize = 2000;

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> SearchEntitiesAsync(EntitySearch query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var name = NameQuery.Of(query.Query);
        if (name.IsEmpty || query.Limit <= 0)
        {
            return [];
        }

        var result = await ReadAsync(CypherStatements.EntitiesSearch, new Dictionary<string, object?>
        {
            ["forms"] = name.Forms.ToArray(),
            ["containsForms"] = name.ContainsForms.ToArray(),
            ["kind"] = query.Kind?.ToString(),
            ["limit"] = query.Limit,
        }, cancellationToken);
        return [.. result.Records.Select(r => Neo4jMapping.Entity(r))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var query = NameQuery.Of(name);
        var tiers = query.LookupTiers;
        if (tiers.Count == 0)
        {
            return [];
        }

        // one read for every tier; the first tier with an answer is the answer
        var result = await ReadAsync(CypherStatements.EntitiesByKey, new Dictionary<string, object?> { ["keys"] = tiers.ToArray() }, cancellationToken);
        var found = result.Records.Select(r => (Tier: r.Int("tier"), Entity: Neo4jMapping.Entity(r))).Where(x => x.Tier == 0 || query.Fits(x.Entity)).ToList();
        var first = found.Count == 0 ? 0 : found.Min(x => x.Tier);
        return [.. found.Where(x => x.Tier == first).Select(x => x.Entity)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> FindIdentityCandidatesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var result = await ReadAsync(CypherStatements.EntitiesByIdentityKeys, new Dictionary<string, object?> { ["keys"] = keys.ToArray() }, cancellationToken);
        return [.. result.Records.Select(r => Neo4jMapping.Entity(r))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetEntityQuotesAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        var ids = entityIds.Distinct(StringComparer.Ordinal).ToArray();
        var quotes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Length == 0)
        {
            return quotes;
        }

        var facts = await ReadAsync(CypherStatements.EntityQuotes, new Dictionary<string, object?> { ["ids"] = ids }, cancellationToken);
        foreach (var r in facts.Records)
        {
            if (r.StringOrNull("quote") is { Length: > 0 } quote)
            {
                quotes[r.String("id")] = quote;
            }
        }

        var unquoted = ids.Where(id => !quotes.ContainsKey(id)).ToArray();
        if (unquoted.Length > 0)
        {
            var windows = await ReadAsync(CypherStatements.EntityMentionWindows,
                new Dictionary<string, object?> { ["ids"] = unquoted, ["margin"] = MentionSentence.Margin }, cancellationToken);
            foreach (var r in windows.Records.Where(r => !r.IsNull("window") && !r.IsNull("text")))
            {
                if (MentionSentence.Cut(r.String("window"), r.Int("windowStart"), r.Int("start"), r.String("text")) is { Length: > 0 } sentence)
                {
                    quotes[r.String("id")] = sentence;
                }
            }
        }

        return quotes;
    }

    // Entities stored before cross-document identity (an earlier version, an export loaded into the database) get their
    // identity keys, which only Core computes: a page of entities at a time in id order, once; the last write marks it done
    // on the StoreFormat node, which an export script deletes.
    private async Task BackfillIdentityKeysAsync(CancellationToken cancellationToken)
    {
        var after = "";
        var (read, linked) = (0, 0);
        while (true)
        {
            var page = await ReadAsync(CypherStatements.IdentityKeysPage,
                new Dictionary<string, object?> { ["after"] = after, ["limit"] = IdentityKeysPageSize }, cancellationToken);
            var rows = page.Records
                .Select(r => (Id: r.String("id"), Keys: IdentityKeysOf(r)))
                .Where(r => r.Keys.Length > 0)
                .Select(r => (object?)new Dictionary<string, object?> { ["id"] = r.Id, ["keys"] = r.Keys })
                .ToArray();
            var done = page.Records.Count < IdentityKeysPageSize;
            // the last write also records the backfill done (a no-op MERGE on later starts, whose page is empty)
            if (rows.Length > 0 || done)
            {
                await WriteAsync(CypherStatements.IdentityKeysLink, new Dictionary<string, object?> { ["rows"] = rows, ["done"] = done }, cancellationToken);
            }

            read += page.Records.Count;
            linked += rows.Length;
            if (done)
            {
                break;
            }

            after = page.Records[^1].String("id");
        }

        if (linked > 0)
        {
            _logger.IdentityKeysBackfilled(linked, read);
        }
    }

    private static string[] IdentityKeysOf(QueryRecord r)
    {
        var kind = Neo4jMapping.Kind(r.StringOrNull("kind"));
        var names = r.Strings("aliases").Prepend(r.String("name"));
        return [.. names.SelectMany(n => IdentityKeys.Of(kind, n)).Distinct(StringComparer.Ordinal)];
    }
}
