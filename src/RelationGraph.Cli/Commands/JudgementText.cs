using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;

namespace RelationGraph.Cli.Commands;

/// <summary>How <c>relgraph entities</c> prints judgements, what applying them did, and why one was refused.</summary>
internal static class JudgementText
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>One line: what the judgement says, by whom and when, why, and whether it was revoked.</summary>
    public static string Describe(IdentityJudgement judgement)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        var what = judgement.Kind switch
        {
            JudgementKind.Merge => $"merge {Entity(judgement.Entity)} into {Entity(judgement.Other)}",
            JudgementKind.Split => $"split {Entity(judgement.Entity)} in {string.Join(",", judgement.Documents)} off as {Entity(judgement.Other)}",
            _ => $"distinct {Entity(judgement.Entity)} and {Entity(judgement.Other)}",
        };
        var line = $"{judgement.Id}  {Time(judgement.CreatedAt)}  {what}  by {judgement.Author}";
        if (judgement.Reason is { } reason)
        {
            line += $"  \"{reason}\"";
        }

        return judgement.RevokedAt is { } revoked ? $"{line}  [revoked {Time(revoked)} by {judgement.RevokedBy}]" : line;
    }

    public static async Task WriteListAsync(IReadOnlyList<IdentityJudgement> judgements, bool json, TextWriter stdout)
    {
        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(judgements, Json));
            return;
        }

        if (judgements.Count == 0)
        {
            await stdout.WriteLineAsync("No judgements.");
            return;
        }

        foreach (var judgement in judgements)
        {
            await stdout.WriteLineAsync(Describe(judgement));
        }
    }

    public static async Task WriteOutcomeAsync(string verb, JudgementOutcome outcome, TextWriter stdout)
    {
        var judgement = outcome.Judgement!;
        var done = verb switch
        {
            "revoke" => "revoked",
            "reapply" => "reapplied",
            _ => "made",
        };
        await stdout.WriteLineAsync($"{done} {Describe(judgement)}");
        await WriteDocumentsAsync(outcome.Documents, stdout);
    }

    public static async Task WriteDocumentsAsync(IReadOnlyList<DocumentOutcome> documents, TextWriter stdout)
    {
        var failed = documents.Where(d => d.Status == DocumentStatus.Failed).ToList();
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"applied to {documents.Count} document{(documents.Count == 1 ? "" : "s")} again: {documents.Count - failed.Count} updated, {failed.Count} failed"));
        foreach (var document in failed)
        {
            await stdout.WriteLineAsync($"  failed {document.DocumentId} ({document.Source}): {document.ErrorCode}: {document.Error}");
        }
    }

    /// <summary>The judgements of a file <see cref="WriteListAsync"/> wrote as JSON; null and why when it is not such a list.</summary>
    public static async Task<(IReadOnlyList<IdentityJudgement>? Judgements, string? Error)> ReadListAsync(string path, CancellationToken cancellationToken)
    {
        List<IdentityJudgement>? judgements;
        try
        {
            await using var file = File.OpenRead(path);
            judgements = await JsonSerializer.DeserializeAsync<List<IdentityJudgement>>(file, Json, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return (null, $"cannot read '{path}' as a list of judgements: {ex.Message}");
        }

        var bad = (judgements ?? []).FirstOrDefault(j => !StableId.IsJudgementId(j?.Id) || !Enum.IsDefined(j!.Kind) || string.IsNullOrWhiteSpace(j.Entity?.Id)
            || string.IsNullOrWhiteSpace(j.Other?.Id) || string.IsNullOrWhiteSpace(j.Author) || j.Documents is null);
        return judgements is null ? (null, $"'{path}' holds no list of judgements")
            : bad is not null || judgements.Contains(null!) ? (null, $"'{path}' holds an entry that is not a judgement ({bad?.Id ?? "null"})")
            : (judgements, null);
    }

    public static async Task WriteProblemAsync(string verb, JudgementProblem problem, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"relgraph entities {verb}: {problem.Message}");
        foreach (var candidate in problem.Candidates)
        {
            await stderr.WriteLineAsync($"  {candidate.Id}  {candidate.Kind}  {candidate.Name}");
        }
    }

    private static string Entity(JudgedEntity entity) => $"{entity.Name} ({entity.Id})";

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
