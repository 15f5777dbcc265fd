using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Sqlite;

// Quotes that tell entities of one name apart: the candidates of an ambiguous name show one each.
public sealed partial class SqliteGraphStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetEntityQuotesAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        if (entityIds.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        // each entity's strongest fact, in the order neighbours are listed, from the path index
        await SyncIndexAsync(cancellationToken);
        var strongest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in entityIds.Distinct(StringComparer.Ordinal))
        {
            if (_index.GetNeighbours(id, PathFilter.None, 1) is [var first, ..])
            {
                strongest[id] = first.FactKey;
            }
        }

        return await ReadAsync((session, ct) =>
        {
            var quotes = new Dictionary<string, string>(StringComparer.Ordinal);
            var facts = FactsByKey(session, strongest.Values, ct);
            foreach (var (id, factKey) in strongest)
            {
                if (facts.GetValueOrDefault(factKey)?.SampleQuote is { Length: > 0 } quote)
                {
                    quotes[id] = quote;
                }
            }

            foreach (var id in entityIds.Distinct(StringComparer.Ordinal).Where(id => !quotes.ContainsKey(id)))
            {
                var sentence = Query(session, "entity-mention-window.sql", [("$id", id), ("$margin", MentionSentence.Margin)],
                    r => r.IsDBNull(3) ? null : MentionSentence.Cut(r.GetString(3), r.GetInt32(2), r.GetInt32(0), r.GetString(1)), ct).FirstOrDefault();
                if (sentence is { Length: > 0 })
                {
                    quotes[id] = sentence;
                }
            }

            return Task.FromResult<IReadOnlyDictionary<string, string>>(quotes);
        }, cancellationToken);
    }
}
