using System.Globalization;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;

namespace RelationGraph.Api.Paths;

/// <summary>Turns query strings into core requests, collecting every error for one 400 answer.</summary>
internal static class QueryParsing
{
    public static PathFilter ToFilter(FilterQuery query, Dictionary<string, string[]> errors)
    {
        var types = new HashSet<RelationType>();
        foreach (var value in Split(query.Types))
        {
            if (RelationTypes.TryParse(value, out var type))
            {
                types.Add(type);
            }
            else
            {
                Add(errors, "types", $"Unknown relation type '{value}'. Known: {string.Join(", ", RelationTypes.All.Select(t => t.ToWireName()))}.");
            }
        }

        var kinds = new HashSet<EntityKind>();
        foreach (var value in Split(query.MiddleKinds))
        {
            if (EntityKinds.TryParse(value, out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                Add(errors, "middleKinds", $"Unknown entity kind '{value}'. Known: {string.Join(", ", EntityKinds.All)}.");
            }
        }

        var from = ParseDate(query.ReportedFrom, "reportedFrom", errors);
        var to = ParseDate(query.ReportedTo, "reportedTo", errors);
        if (from is not null && to is not null && from > to)
        {
            Add(errors, "reportedTo", "reportedTo is before reportedFrom.");
        }

        return new PathFilter
        {
            Types = types,
            MiddleKinds = kinds,
            MinConfidence = query.MinConfidence ?? PathFilter.None.MinConfidence,
            MinDocs = query.MinDocs ?? PathFilter.None.MinDocs,
            ReportedFrom = from,
            ReportedTo = to,
            MaxDegree = query.MaxDegree,
        };
    }

    public static PathMode? ParseMode(string? mode, Dictionary<string, string[]> errors)
    {
        if (PathModes.TryParse(mode, out var parsed))
        {
            return parsed;
        }

        Add(errors, "mode", $"Unknown mode '{mode}'. Use {PathModes.Names}.");
        return null;
    }

    public static void Add(Dictionary<string, string[]> errors, string key, string message) =>
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static DateTimeOffset? ParseDate(string? value, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        Add(errors, key, $"'{value}' is not a date; use ISO 8601, e.g. 2024-05-31.");
        return null;
    }
}
