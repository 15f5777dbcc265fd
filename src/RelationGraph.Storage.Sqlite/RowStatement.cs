using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RelationGraph.Storage.Sqlite;

/// <summary>
/// One prepared statement of the writer's per-row work (evidence, fact upserts, entity rows), driven through SQLitePCL
/// on the write connection's own handle, so it runs in that connection's transaction like its commands do.
/// </summary>
/// <remarks>
/// A <see cref="SqliteCommand"/> allocates a binder per parameter and a UTF-8 copy of every string on each execution,
/// plus a reader per query: about half of what the writer would allocate, and in a batch job every collection that
/// extraction triggers pauses the writer too. Strings are bound as UTF-16
/// (<c>sqlite3_bind_text16</c>: SQLite converts them itself, without a managed copy). Parameters are bound by name,
/// resolved once. Every execution resets the statement, so none is left active when the transaction commits.
/// </remarks>
internal sealed class RowStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, int> _parameters = new(StringComparer.Ordinal);

    public RowStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v3(_database, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, _database);
        if (_statement.IsInvalid || !IsBlankOrComment(tail))
        {
            _statement.Dispose();
            throw new ArgumentException("A row statement must be exactly one SQL statement.", nameof(sql));
        }

        for (var i = 1; i <= raw.sqlite3_bind_parameter_count(_statement); i++)
        {
            _parameters[raw.sqlite3_bind_parameter_name(_statement, i).utf8_to_string()] = i;
        }
    }

    public void Dispose() => _statement.Dispose();

    public RowStatement Text(string name, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, Index(name)) : raw.sqlite3_bind_text16(_statement, Index(name), value));

    /// <summary>Binds text already in UTF-8 (SQLite copies it).</summary>
    public RowStatement Utf8Text(string name, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_text(_statement, Index(name), value));

    public RowStatement Integer(string name, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, Index(name), number) : raw.sqlite3_bind_null(_statement, Index(name)));

    public RowStatement Real(string name, double value) => Check(raw.sqlite3_bind_double(_statement, Index(name), value));

    /// <summary>Runs the statement to its end; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            SqliteException.ThrowExceptionForRC(rc, _database);
            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs the statement and hands its first row, if any, to <paramref name="read"/>; null when there is none.</summary>
    public T? ReadFirst<T>(Func<RowStatement, T> read)
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_DONE)
            {
                return default;
            }

            SqliteException.ThrowExceptionForRC(rc, _database);
            return read(this);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public string? GetNullableString(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL ? null : GetString(column);

    public int GetInt32(int column) => raw.sqlite3_column_int(_statement, column);

    public double GetDouble(int column) => raw.sqlite3_column_double(_statement, column);

    private int Index(string name) =>
        _parameters.TryGetValue(name, out var index) ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));

    private RowStatement Check(int rc)
    {
        SqliteException.ThrowExceptionForRC(rc, _database);
        return this;
    }

    private static bool IsBlankOrComment(string tail)
    {
        var rest = tail.AsSpan().Trim();
        while (!rest.IsEmpty)
        {
            if (rest.StartsWith("--", StringComparison.Ordinal))
            {
                var end = rest.IndexOf('\n');
                rest = end < 0 ? [] : rest[(end + 1)..].Trim();
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
