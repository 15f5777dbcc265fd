using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Cli.Commands;

/// <summary>
/// <c>relgraph entities merge|split|distinct|list|revoke|reapply</c>: corrections of entity identity that every later
/// ingest applies, kept with who made them, when and why (<see cref="IdentityJudgements"/>).
/// </summary>
internal static class EntitiesCommand
{
    private const string ExitCodesText =
        "Exit codes: 0 done, 1 an entity, document or judgement is unknown or ambiguous, the judgement contradicts one in force, or a document " +
        "failed to be applied again, 2 usage error, 3 store unavailable (or no store at --db), 130 interrupted.";

    private static readonly Option<string?> Reason = new("--reason") { Description = "Why: kept with the judgement." };

    private static readonly Option<string?> By = new("--by") { Description = "Who makes it (default: the OS user)." };

    public static Command Create()
    {
        var command = new Command("entities", "Correct entity identity: merge two entities, split one, mark two as different; list and revoke these judgements. " +
            "Every later ingest applies them, and the documents they concern are extracted again at once.")
        {
            Merge(), Split(), Distinct(), List(), Revoke(), Reapply(), Import(),
        };
        return command;
    }

    private static Command Merge() => TwoEntityJudgement(
        "merge", "Merge an entity into another: its mentions and facts become the other's, in every document.",
        new Argument<string>("entity") { Description = "The entity merged away: id (per_…) or name." },
        new Argument<string>("into") { Description = "The entity it becomes: id or name." },
        JudgementRequest.Merge);

    private static Command Split()
    {
        var entity = new Argument<string>("entity") { Description = "The entity split: id or name." };
        var documents = new Option<string[]>("--documents")
        {
            Description = "Ids (doc_…) of the documents whose mentions of the entity are someone else; comma-separated or repeated.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var name = new Option<string>("--name") { Description = "Name of the entity those mentions become.", Required = true };
        var kind = new Option<string?>("--kind") { Description = "Its kind, when not the split entity's (Person, Organisation, Contract, Investigation)." };
        kind.Validators.Add(r => { if (r.GetValueOrDefault<string?>() is { } k && !EntityKinds.TryParse(k, out _)) { r.AddError($"--kind must be one of {string.Join(", ", EntityKinds.All)}."); } });
        var command = new Command("split", "Split an entity: its mentions in the given documents become a new entity with the given name. " + ExitCodesText)
        {
            entity, documents, name, kind, Reason, By, CommonOptions.Database,
        };
        command.SetAction((parse, ct) =>
        {
            var ids = (parse.GetValue(documents) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            EntityKind? newKind = EntityKinds.TryParse(parse.GetValue(kind), out var parsed) ? parsed : null;
            return RunAsync(parse, "split", (judgements, author, token) => judgements.MakeAsync(
                JudgementRequest.Split(parse.GetValue(entity)!, ids, parse.GetValue(name)!, author, parse.GetValue(Reason), newKind), token), ct);
        });
        return command;
    }

    private static Command Distinct() => TwoEntityJudgement(
        "distinct", "Mark two entities as different: no identity decision joins them, and neither can be merged into the other.",
        new Argument<string>("entity") { Description = "One entity: id or name." },
        new Argument<string>("other") { Description = "The other: id or name." },
        JudgementRequest.Distinct);

    // merge and distinct: a judgement on two entities named by the two arguments, with --reason, --by and --db
    private static Command TwoEntityJudgement(string verb, string description, Argument<string> entity, Argument<string> other,
        Func<string, string, string, string?, JudgementRequest> request)
    {
        var command = new Command(verb, description + " " + ExitCodesText)
        {
            entity, other, Reason, By, CommonOptions.Database,
        };
        command.SetAction((parse, ct) => RunAsync(parse, verb, (judgements, author, token) => judgements.MakeAsync(
            request(parse.GetValue(entity)!, parse.GetValue(other)!, author, parse.GetValue(Reason)), token), ct));
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("judgement") { Description = "The judgement's id (jdg_…, from 'relgraph entities list')." };
        var command = new Command("revoke", "Revoke a judgement: its record stays, marked revoked, and the documents it concerned are applied without it. " + ExitCodesText)
        {
            id, By, CommonOptions.Database,
        };
        command.SetAction((parse, ct) => RunAsync(parse, "revoke", (judgements, author, token) => judgements.RevokeAsync(parse.GetValue(id)!, author, token), ct));
        return command;
    }

    private static Command Reapply()
    {
        var id = new Argument<string>("judgement") { Description = "The judgement's id (jdg_…)." };
        var command = new Command("reapply", "Extract the documents a judgement concerns again under the judgements in force " +
            "(after a run that was interrupted, or a document another process wrote at the same moment). " + ExitCodesText)
        {
            id, CommonOptions.Database,
        };
        command.SetAction((parse, ct) => RunAsync(parse, "reapply", (judgements, _, token) => judgements.ReapplyAsync(parse.GetValue(id)!, token), ct));
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: every judgement with its entities, documents, author, times and reason." };
        var command = new Command("list", "List the judgements, oldest first, revoked ones marked. Exit codes: 0 done, 2 usage error, 3 store unavailable.")
        {
            json, CommonOptions.Database,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database));
            return await ListAsync(parse.GetValue(json), host.Services, Console.Out, Console.Error, ct);
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "A JSON list of judgements, as 'relgraph entities list --json' or GET /api/judgements write it." };
        var command = new Command("import", "Store the judgements another store listed (those not held yet, with their ids, authors, times and revocations) " +
            "and apply the documents they concern: how a store rebuilt from the same documents keeps them. Exit codes: 0 done, 1 a document failed to be " +
            "applied again, 2 usage error (a file that is not such a list), 3 store unavailable (or no store at --db), 130 interrupted.")
        {
            file, CommonOptions.Database,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(CommonOptions.Database));
            return await ImportAsync(parse.GetValue(file)!, host.Services, Console.Out, Console.Error, ct);
        });
        return command;
    }

    /// <summary>Imports the judgements of a JSON list file; prints how many were new and what applying them did.</summary>
    internal static async Task<int> ImportAsync(string path, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (judgements, error) = await JudgementText.ReadListAsync(path, cancellationToken);
        if (judgements is null)
        {
            await stderr.WriteLineAsync($"relgraph entities import: {error}");
            return ExitCodes.Usage;
        }

        var (store, unavailable) = await IngestCommand.OpenStoreAsync(services, stderr, cancellationToken, readingCommand: "entities import");
        if (store is null)
        {
            return unavailable;
        }

        var (imported, exit) = await ApplyAsync(store, services, stderr,
            () => services.GetRequiredService<IdentityJudgements>().ImportAsync(judgements, cancellationToken), cancellationToken);
        if (imported is null)
        {
            return exit;
        }

        await stdout.WriteLineAsync($"imported {imported.Added} judgements ({imported.AlreadyHeld} held already)");
        await JudgementText.WriteDocumentsAsync(imported.Documents, stdout);
        return imported.Documents.Any(d => d.Status == DocumentStatus.Failed) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static async Task<int> RunAsync(ParseResult parse, string verb, Func<IdentityJudgements, string, CancellationToken, Task<JudgementOutcome>> act, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(parse.GetValue(CommonOptions.Database));
        var author = parse.GetValue(By) is { } by && !string.IsNullOrWhiteSpace(by) ? by.Trim() : Environment.UserName;
        return await RunAsync(verb, author, act, host.Services, Console.Out, Console.Error, cancellationToken);
    }

    /// <summary>Runs one judgement action on the store the services name, printing what it did; the exit code.</summary>
    internal static async Task<int> RunAsync(string verb, string author, Func<IdentityJudgements, string, CancellationToken, Task<JudgementOutcome>> act,
        IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (store, unavailable) = await IngestCommand.OpenStoreAsync(services, stderr, cancellationToken, readingCommand: "entities " + verb);
        if (store is null)
        {
            return unavailable;
        }

        var (outcome, exit) = await ApplyAsync(store, services, stderr,
            () => act(services.GetRequiredService<IdentityJudgements>(), author, cancellationToken), cancellationToken);
        if (outcome is null)
        {
            return exit;
        }

        if (outcome.Problem is { } problem)
        {
            await JudgementText.WriteProblemAsync(verb, problem, stderr);
            return problem.Kind == JudgementProblemKind.Invalid ? ExitCodes.Usage : ExitCodes.Failed;
        }

        await JudgementText.WriteOutcomeAsync(verb, outcome, stdout);
        return outcome.Documents.Any(d => d.Status == DocumentStatus.Failed) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    // Runs a judgement write; when it fails, the exit code: cancelled, or the store unavailable. A store that still
    // answers failed for another reason, and that error is shown as it is.
    private static async Task<(T? Result, int Exit)> ApplyAsync<T>(IGraphStore store, IServiceProvider services, TextWriter stderr,
        Func<Task<T>> write, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return (await write(), ExitCodes.Ok);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, ExitCodes.Cancelled);
        }
        catch (Exception ex)
        {
            if (ex is not StoreUnavailableException && await store.IsReachableAsync(CancellationToken.None))
            {
                throw;
            }

            return (null, await IngestCommand.StoreUnavailableAsync(services, stderr, ex));
        }
    }

    /// <summary>Lists every judgement, as text lines or JSON.</summary>
    internal static async Task<int> ListAsync(bool json, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (store, unavailable) = await IngestCommand.OpenStoreAsync(services, stderr, cancellationToken, readingCommand: "entities list");
        if (store is null)
        {
            return unavailable;
        }

        IReadOnlyList<IdentityJudgement> judgements;
        try
        {
            judgements = await store.ListJudgementsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await IngestCommand.StoreUnavailableAsync(services, stderr, ex);
        }

        await JudgementText.WriteListAsync(judgements, json, stdout);
        return ExitCodes.Ok;
    }
}
