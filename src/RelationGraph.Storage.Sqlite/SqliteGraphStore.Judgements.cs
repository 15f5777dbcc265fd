using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;

namespace RelationGraph.Storage.Sqlite;

// Identity judgements (the judgements table) and what applying them again reads: a document as it was ingested, and the
// documents an entity appears in. A judgement changes no graph row itself, so its writes leave the index log alone.
public sealed partial class SqliteGraphStore
{
    /// <inheritdoc />
    public async Task<SourceDocument?> GetSourceDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        return await QueryFirstAsync("source-document.sql", [("$id", documentId)], r => new SourceDocument
        {
            Id = r.GetString(0),
            SourceUri = r.GetString(1),
            Title = SqliteRows.NullableString(r, 2),
            Publisher = SqliteRows.NullableString(r, 3),
            Author = SqliteRows.NullableString(r, 4),
            PublishedAt = SqliteRows.Timestamp(r, 5),
            MediaType = r.GetString(6),
            Text = r.GetString(7),
            ContentHash = r.GetString(8),
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetEntityDocumentIdsAsync(string entityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        return await ReadAsync((session, ct) => Task.FromResult<IReadOnlyList<string>>(
            Query(session, "entity-document-ids.sql", [("$id", entityId)], r => r.GetString(0), ct)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdentityJudgement>> ListJudgementsAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync((session, ct) => Task.FromResult<IReadOnlyList<IdentityJudgement>>(
            Query(session, "judgements-list.sql", [], Judgement, ct)), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> AddJudgementAsync(IdentityJudgement judgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        (string, object?)[] parameters =
        [
            ("$id", judgement.Id), ("$kind", IdentityJudgement.KindName(judgement.Kind)),
            ("$entity_id", judgement.Entity.Id), ("$entity_kind", judgement.Entity.Kind.ToString()), ("$entity_name", judgement.Entity.Name),
            ("$other_id", judgement.Other.Id), ("$other_kind", judgement.Other.Kind.ToString()), ("$other_name", judgement.Other.Name),
            ("$documents", JsonSerializer.Serialize(judgement.Documents.ToList(), SqliteJson.Default.ListString)),
            ("$author", judgement.Author), ("$created_at", Time(judgement.CreatedAt)), ("$reason", judgement.Reason),
        ];
        return await WriteJudgementAsync("insert-judgement.sql", parameters, cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> RevokeJudgementAsync(string judgementId, DateTimeOffset revokedAt, string revokedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgementId);
        ArgumentException.ThrowIfNullOrWhiteSpace(revokedBy);
        return await WriteJudgementAsync("revoke-judgement.sql", [("$id", judgementId), ("$revoked_at", Time(revokedAt)), ("$revoked_by", revokedBy)], cancellationToken) > 0;
    }

    // One statement on the write connection, under the write gate, retried while another writer holds the file.
    private async Task<int> WriteJudgementAsync(string resource, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var changed = await WhileNotLockedAsync(() => _retry.ExecuteAsync(static (state, _) =>
            {
                using var command = state.connection.CreateCommand();
                command.CommandText = Sql.Get(state.resource);
                foreach (var (name, value) in state.parameters)
                {
                    command.Parameters.AddWithValue(name, value ?? DBNull.Value);
                }

                return ValueTask.FromResult(command.ExecuteNonQuery());
            }, (connection: _writeConnection!, resource, parameters), cancellationToken));
            await _checkpointer!.AfterCommitAsync(_writeConnection!);
            return changed;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>judgements-list.sql's columns.</summary>
    private static IdentityJudgement Judgement(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Kind = IdentityJudgement.TryParseKind(r.GetString(1), out var kind) ? kind : throw new InvalidDataException($"Unknown judgement kind '{r.GetString(1)}' in the database."),
        Entity = new JudgedEntity(r.GetString(2), SqliteRows.Kind(r.GetString(3)), r.GetString(4)),
        Other = new JudgedEntity(r.GetString(5), SqliteRows.Kind(r.GetString(6)), r.GetString(7)),
        Documents = SqliteRows.JsonList(r, 8),
        Author = r.GetString(9),
        CreatedAt = SqliteRows.Timestamp(r, 10) ?? DateTimeOffset.MinValue,
        Reason = SqliteRows.NullableString(r, 11),
        RevokedAt = SqliteRows.Timestamp(r, 12),
        RevokedBy = SqliteRows.NullableString(r, 13),
    };

    private static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
