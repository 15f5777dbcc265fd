using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Cli.Commands;

/// <summary><c>relgraph path &lt;from&gt; &lt;to&gt;</c>: paths between two entities with the evidence for every hop.</summary>
internal static class PathCommand
{
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
        maxHops.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > PathRequest.MaxHopsLimit) { r.AddError($"--max-hops must be between 1 and {PathRequest.MaxHopsLimit}."); } });
        k.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > PathRequest.MaxResultsLimit) { r.AddError($"--k must be between 1 and {PathRequest.MaxResultsLimit}."); } });
        mode.Validators.Add(r => { if (!PathModes.TryParse(r.GetValueOrDefault<string>(), out _)) { r.AddError($"--mode must be {PathModes.Names}."); } });
        var command = new Command("path", "Find paths between two entities, with evidence per hop.") { from, to, CommonOptions.Database, maxHops, k, mode, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database));
            // the validator has refused any other name
            var pathMode = PathModes.TryParse(parse.GetValue(mode), out var parsed) ? parsed : PathMode.Shortest;
            var request = new PathQueryArgs(parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(maxHops), parse.GetValue(k), pathMode);
            return await RunAsync(request, parse.GetValue(json), host.Services, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    internal sealed record PathQueryArgs(string From, string To, int MaxHops, int K, PathMode Mode);

    public static async Task<int> RunAsync(PathQueryArgs args, bool json, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        IGraphStore store;
        EntityLookupResult from, to;
        try
        {
            store = services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(cancellationToken);
            from = await store.ResolveAsync(args.From, cancellationToken);
            to = await store.ResolveAsync(args.To, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        if (!await ReportLookupAsync(from, args.From, stderr) || !await ReportLookupAsync(to, args.To, stderr))
        {
            return ExitCodes.Failed;
        }

        var request = new PathRequest { FromId = from.Entity!.Id, ToId = to.Entity!.Id, MaxHops = args.MaxHops, K = args.K, Mode = args.Mode };
        var result = await store.FindPathsAsync(request, cancellationToken);
        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(PathResponse.Of(from.Entity, to.Entity, args.Mode, result), Json));
            return ExitCodes.Ok;
        }

        await WriteTextAsync(from.Entity, to.Entity, result, stdout);
        return ExitCodes.Ok;
    }

    private static async Task<bool> ReportLookupAsync(EntityLookupResult lookup, string reference, TextWriter stderr)
    {
        if (lookup.NotFound)
        {
            await stderr.WriteLineAsync($"relgraph path: no entity has the id or name '{reference}'");
            return false;
        }

        if (lookup.Entity is null)
        {
            await stderr.WriteLineAsync($"relgraph path: '{reference}' is ambiguous; use one of these ids:");
            foreach (var candidate in lookup.Candidates)
            {
                await stderr.WriteLineAsync($"  {candidate.Id}  {candidate.Kind}  {candidate.Name}");
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
