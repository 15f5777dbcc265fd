using Microsoft.Data.Sqlite;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>The writer's per-row statements: binding, errors, and that a failed row leaves the statement and transaction usable.</summary>
public sealed class RowStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public RowStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER CHECK (n >= 0), x REAL, note TEXT);";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Execute_TextWithEmojiAndNulls_StoresExactlyWhatWasBoundAndCountsChangedRows()
    {
        using var insert = new RowStatement(_connection, "-- a comment before\nINSERT OR IGNORE INTO t (id, n, x, note) VALUES ($id, $n, $x, $note); -- and after");
        Assert.Equal(1, insert.Text("$id", "Zoë 🚀 ' OR 1=1 --").Integer("$n", 3).Real("$x", 0.125).Text("$note", null).Execute());
        Assert.Equal(0, insert.Text("$id", "Zoë 🚀 ' OR 1=1 --").Integer("$n", null).Real("$x", 1).Text("$note", "again").Execute());

        using var read = new RowStatement(_connection, "SELECT id, n, x, note FROM t WHERE id = $id;");
        var row = read.Text("$id", "Zoë 🚀 ' OR 1=1 --").ReadFirst(r => (r.GetString(0), r.GetInt32(1), r.GetDouble(2), r.GetNullableString(3)));
        Assert.Equal(("Zoë 🚀 ' OR 1=1 --", 3, 0.125, (string?)null), row);
        Assert.Null(read.Text("$id", "nobody").ReadFirst<(string, int)?>(r => (r.GetString(0), r.GetInt32(1))));

        // text already in UTF-8 (a document's mentions JSON) is stored as the same text
        insert.Utf8Text("$id", "[\"Zoë 🚀\"]"u8).Integer("$n", 1).Real("$x", 0).Text("$note", null).Execute();
        Assert.Equal("[\"Zoë 🚀\"]", read.Text("$id", "[\"Zoë 🚀\"]").ReadFirst(r => r.GetString(0)));
    }

    [Fact]
    public void Execute_ConstraintFails_ThrowsSqliteExceptionAndTheStatementAndTransactionGoOn()
    {
        using var transaction = _connection.BeginTransaction();
        using var insert = new RowStatement(_connection, "INSERT INTO t (id, n) VALUES ($id, $n);");
        insert.Text("$id", "a").Integer("$n", 1).Execute();

        var error = Assert.Throws<SqliteException>(() => insert.Text("$id", "b").Integer("$n", -1).Execute());
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT: the CHECK
        insert.Text("$id", "c").Integer("$n", 2).Execute();
        transaction.Commit();

        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT group_concat(id, ',') FROM (SELECT id FROM t ORDER BY id);";
        Assert.Equal("a,c", count.ExecuteScalar());
    }

    [Fact]
    public void Constructor_MoreThanOneStatementOrUnknownParameter_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new RowStatement(_connection, "DELETE FROM t; DELETE FROM t;"));
        using var insert = new RowStatement(_connection, "INSERT INTO t (id) VALUES ($id);");
        Assert.Throws<ArgumentException>(() => insert.Text("$name", "x"));
        Assert.Throws<SqliteException>(() => new RowStatement(_connection, "INSERT INTO nowhere VALUES (1);"));
    }
}
