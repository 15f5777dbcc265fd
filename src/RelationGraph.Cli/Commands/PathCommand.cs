using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Cli.Commands;

/// <summary><c>relgraph path &lt;from&gt; &lt;to&gt;</c>: paths between two entities with the evidence for every hop.</summary>
internal static class PathCommand
{
    // as many candidates of an ambiguous name as the API lists
    private const int MaxCandidates = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create()
    {
        var from = new Argument<string>("from") { Description = "Start entity: id (per_…) or name." };
        var to = new Argument<string>("to") { Description = "End entity: id or name." };
        var maxHops = new Option<int>("--max-hops") { Description = $"At most this many hops, 1–{PathRequest.MaxHopsLimit}.", DefaultValueFactory = _ => PathRequest.DefaultMaxHops };
        var k = new Option<int>("--k") { Description = $"At most this many paths, 1–{PathRequest.MaxResultsLimit}.", DefaultValueFactory = _ => PathRequest.DefaultK };
        var mode = new Option<string>("--mode") { Description = PathModes.Names + ".", DefaultValueFactory = _ => "shortest" };
        var json = new Option<bool>("--json") { Description = "Print JSON (the API's shape) instead of text." };
        // the filters of GET /api/paths, same names in kebab case
        var types = new Option<string?>("--types") { Description = "Only these relation types, comma-separated (e.g. EMPLOYED_BY,LEADS)." };
        var middleKinds = new Option<string?>("--middle-kinds") { Description = "Only these entity kinds in the middle of a path (e.g. Person,Organisation)." };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Only facts at least this confident, 0–1.", DefaultValueFactory = _ => 0 };
        var minDocs = new Option<int>("--min-docs") { Description = "Only facts reported by at least this many documents.", DefaultValueFactory = _ => 1 };
        var reportedFrom = new Option<DateTimeOffset?>("--reported-from") { Description = "Only facts first reported on or after this date (ISO 8601)." };
        var reportedTo = new Option<DateTimeOffset?>("--reported-to") { Description = "Only facts first reported on or before this date (ISO 8601)." };
        var maxDegree = new Option<int?>("--max-degree") { Description = "Do not walk through entities with more facts than this (hub cap)." };
        minConfidence.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1) { r.AddError("--min-confidence must be between 0 and 1."); } });
        minDocs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--min-docs must be at least 1."); } });
        maxDegree.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) { r.AddError("--max-degree must be at least 1."); } });
        maxHops.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > PathRequest.MaxHopsLimit) { r.AddError($"--max-hops must be between 1 and {PathRequest.MaxHopsLimit}."); } });
        k.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > PathRequest.MaxResultsLimit) { r.AddError($"--k must be between 1 and {PathRequest.MaxResultsLimit}."); } });
        mode.Validators.Add(r => { if (!PathModes.TryParse(r.GetValueOrDefault<string>(), out _)) { r.AddError($"--mode must be {PathModes.Names}."); } });
        var command = new Command("path", "Find paths between two entities, with evidence per hop. " +
            "Exit codes: 0 answered (also when no path exists), 1 an entity is unknown or ambiguous, 2 usage error, 3 store unavailable (or no store at --db), 130 interrupted.")
        {
            from, to, CommonOptions.Database, maxHops, k, mode, json, types, middleKinds, minConfidence, minDocs, reportedFrom, reportedTo, maxDegree,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (ParseFilter(parse.GetValue(types), parse.GetValue(middleKinds), out var typeSet, out var kindSet) is { } error)
            {
                await Console.Error.WriteLineAsync("relgraph path: " + error);
                return ExitCodes.Usage;
            }

            var filter = new PathFilter
            {
                Types = typeSet,
                MiddleKinds = kindSet,
                MinConfidence = parse.GetValue(minConfidence),
                MinDocs = parse.GetValue(minDocs),
                ReportedFrom = parse.GetValue(reportedFrom),
                ReportedTo = parse.GetValue(reportedTo),
                MaxDegree = parse.GetValue(maxDegree),
            };
            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database));
            // the validator has refused any other name
            var pathMode = PathModes.TryParse(parse.GetValue(mode), out var parsed) ? parsed : PathMode.Shortest;
            var request = new PathQueryArgs(parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(maxHops), parse.GetValue(k), pathMode) { Filter = filter };
            return await RunAsync(request, parse.GetValue(json), host.Services, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    internal sealed record PathQueryArgs(string From, string To, int MaxHops, int K, PathMode Mode)
    {
        public PathFilter Filter { get; init; } = PathFilter.None;
    }

    /// <summary>The comma-separated types and kinds as sets; an error message for a name that is neither.</summary>
    internal static string? ParseFilter(string? types, string? kinds, out HashSet<RelationType> typeSet, out HashSet<EntityKind> kindSet)
    {
        typeSet = [];
        kindSet = [];
        foreach (var value in Split(types))
        {
            if (!RelationTypes.TryParse(value, out var type))
            {
                return $"--types: unknown relation type '{value}'. Known: {string.Join(", ", RelationTypes.All.Select(t => t.ToWireName()))}.";
            }

            typeSet.Add(type);
        }

        foreach (var value in Split(kinds))
        {
            if (!EntityKinds.TryParse(value, out var kind))
            {
                return $"--middle-kinds: unknown entity kind '{value}'. Known: {string.Join(", ", Enum.GetNames<EntityKind>())}.";
            }

            kindSet.Add(kind);
        }

        return null;
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<int> RunAsync(PathQueryArgs args, bool json, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (store, unavailable) = await IngestCommand.OpenStoreAsync(services, stderr, cancellationToken, readingCommand: "path");
        if (store is null)
        {
            return unavailable;
        }

        EntityLookupResult from, to;
        try
        {
            from = await store.ResolveAsync(args.From, cancellationToken);
            to = await store.ResolveAsync(args.To, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        try
        {
            if (!await ReportLookupAsync(from, args.From, store, stderr, cancellationToken) || !await ReportLookupAsync(to, args.To, store, stderr, cancellationToken))
            {
                return ExitCodes.Failed;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        var request = new PathRequest { FromId = from.Entity!.Id, ToId = to.Entity!.Id, MaxHops = args.MaxHops, K = args.K, Mode = args.Mode, Filter = args.Filter };
        var result = await store.FindPathsAsync(request, cancellationToken);
        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(PathResponse.Of(from.Entity, to.Entity, args.Mode, result), Json));
            return ExitCodes.Ok;
        }

        await WriteTextAsync(from.Entity, to.Entity, result, stdout);
        return ExitCodes.Ok;
    }

    // An unknown name fails; an ambiguous one lists its candidates as the API's 409 does: most documented first, each with
    // what tells it from the others (kind, aliases, documents, a quote).
    private static async Task<bool> ReportLookupAsync(EntityLookupResult lookup, string reference, IGraphStore store, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (lookup.NotFound)
        {
            await stderr.WriteLineAsync($"relgraph path: no entity has the id or name '{reference}'");
            return false;
        }

        if (lookup.Entity is null)
        {
            var candidates = lookup.Candidates.Take(MaxCandidates).ToList();
            var quotes = await store.GetEntityQuotesAsync([.. candidates.Select(c => c.Id)], cancellationToken);
            var more = lookup.Candidates.Count > candidates.Count ? $" (the {candidates.Count} most documented of {lookup.Candidates.Count})" : "";
            await stderr.WriteLineAsync($"relgraph path: '{reference}' is ambiguous; use one of these ids{more}:");
            foreach (var candidate in candidates)
            {
                var aliases = candidate.Aliases.Count > 0 ? $", also {string.Join("; ", candidate.Aliases)}" : "";
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {candidate.Id}  {candidate.Kind}  {candidate.Name}{aliases}  ({candidate.DocCount} document{(candidate.DocCount == 1 ? "" : "s")})"));
                if (quotes.TryGetValue(candidate.Id, out var quote))
                {
                    await stderr.WriteLineAsync($"      \"{quote}\"");
                }
            }

            return false;
        }

        return true;
    }

    private static async Task WriteTextAsync(EntitySummary from, EntitySummary to, PathResult result, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        if (result.Paths.Count == 0)
        {
            await stdout.WriteLineAsync($"No path between {from.Name} and {to.Name}{(result.TimedOut ? " found before the time limit" : "")}.");
            return;
        }

        for (var i = 0; i < result.Paths.Count; i++)
        {
            var path = result.Paths[i];
            var names = path.Nodes.ToDictionary(n => n.Id, n => n.Name);
            await stdout.WriteLineAsync(string.Create(inv, $"Path {i + 1} ({path.Length} hop{(path.Length == 1 ? "" : "s")}): {string.Join(" — ", path.Nodes.Select(n => $"{n.Name} ({n.Kind})"))}"));
            foreach (var hop in path.Hops)
            {
                var type = hop.Fact.Type.ToWireName();
                var arrow = hop.Forward ? $"-[{type}]->" : $"<-[{type}]-";
                await stdout.WriteLineAsync(string.Create(inv,
                    $"  {names.GetValueOrDefault(hop.From, hop.From)} {arrow} {names.GetValueOrDefault(hop.To, hop.To)}   (confidence {hop.Fact.Confidence:0.00}, {hop.Fact.EvidenceCount} evidence, {hop.Fact.DocCount} documents)"));
                foreach (var evidence in hop.Evidence)
                {
                    var unquoted = evidence.Citations.Where(c => !evidence.Quote.Contains(c, StringComparison.Ordinal)).ToList();
                    var citations = unquoted.Count > 0 ? " " + string.Concat(unquoted) : "";
                    await stdout.WriteLineAsync(string.Create(inv,
                        $"      \"{evidence.Quote}\"{citations} — {evidence.DocumentTitle ?? evidence.SourceUri} [{evidence.SourceUri} {evidence.Start}–{evidence.End}]"));
                }
            }

            await stdout.WriteLineAsync();
        }

        if (result.TimedOut)
        {
            await stdout.WriteLineAsync("(the search hit its time limit; more paths may exist)");
        }
    }
}
