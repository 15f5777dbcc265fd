using Microsoft.Data.Sqlite;

namespace RelationGraph.Storage.Sqlite.Reading;

/// <summary>
/// A read connection the store keeps open, with every statement it has run kept compiled: a pooled
/// <see cref="SqliteConnection"/> compiles each statement again on every use, and on a request whose details are
/// not cached that compilation cost as much as running the statements.
/// </summary>
/// <remarks>Used by one read at a time (see <see cref="ReadSessionPool"/>).</remarks>
internal sealed class ReadSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _snapshot;

    public ReadSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    /// <summary>The open connection, for statements not worth keeping compiled (the index build, exports).</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The compiled statement of the embedded <c>Sql/*.sql</c> <paramref name="resource"/>, its parameters set.</summary>
    public SqliteCommand Command(string resource, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(resource, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = Sql.Get(resource);
            _commands.Add(resource, command);
        }

        // a kept command does not follow the connection's transaction by itself; SQLite refuses a mismatch
        command.Transaction = _snapshot;
        foreach (var (name, value) in parameters)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }

        return command;
    }

    /// <summary>Starts a read transaction so the statements run until the returned scope ends read one snapshot.</summary>
    public Snapshot BeginSnapshot()
    {
        if (_snapshot is not null)
        {
            throw new InvalidOperationException("A snapshot is already open on this read session.");
        }

        _snapshot = Connection.BeginTransaction(deferred: true);
        return new Snapshot(this);
    }

    public void Dispose()
    {
        EndSnapshot();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }

    private void EndSnapshot()
    {
        var snapshot = _snapshot;
        _snapshot = null;
        snapshot?.Dispose(); // rolls back: nothing was written
    }

    /// <summary>Ends the read transaction begun by <see cref="BeginSnapshot"/>.</summary>
    public readonly struct Snapshot(ReadSession session) : IDisposable
    {
        public void Dispose() => session.EndSnapshot();
    }
}
