using Microsoft.Data.Sqlite;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>
/// What the writer's prune after each index_log row keeps (index-log-prune.sql): the newest rows up to a count, of those
/// no more bytes of ids than a cap, and always the newest row, so the log's sequence never goes back. The cap is
/// checked against index_log_size, which the triggers keep equal to the rows' sum. And the bounds every path read asks
/// for first (index-log-bounds.sql).
/// </summary>
public sealed class IndexLogStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public IndexLogStatementTests()
    {
        _connection.Open();
        using var schema = _connection.CreateCommand();
        schema.CommandText = Sql.Get("schema.sql") + Sql.Get("index-log-size.sql");
        schema.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Prune_MoreRowsThanKept_KeepsTheNewest()
    {
        AppendRows(Enumerable.Repeat(10, 10));

        Prune(keep: 4, maxBytes: 1_000);

        Assert.Equal([7, 8, 9, 10], Seqs());
    }

    [Fact]
    public void Prune_KeptRowsOverTheByteCap_DropsTheOldestUntilTheRestFit()
    {
        AppendRows(Enumerable.Repeat(100, 10));

        Prune(keep: 100, maxBytes: 350);

        Assert.Equal([8, 9, 10], Seqs());
    }

    [Fact]
    public void Prune_NewestRowAloneOverTheByteCap_KeepsIt()
    {
        AppendRows([100, 100, 1_000]);

        Prune(keep: 100, maxBytes: 350);

        Assert.Equal([3], Seqs());
    }

    [Fact]
    public void Prune_UnderBothCaps_KeepsEveryRow()
    {
        AppendRows([100, 100, 100]);

        Prune(keep: 3, maxBytes: 300);

        Assert.Equal([1, 2, 3], Seqs());
    }

    [Fact]
    public void SizeRow_RowsAppendedAndPruned_IsTheirSum()
    {
        AppendRows([100, 200, 300, 400]);
        Prune(keep: 3, maxBytes: 1_000);
        AppendRows([50]);
        Prune(keep: 3, maxBytes: 600);

        Assert.Equal([4, 5], Seqs());
        Assert.Equal(450, Scalar("SELECT bytes FROM index_log_size;"));
        Assert.Equal(Scalar("SELECT sum(bytes) FROM index_log;"), Scalar("SELECT bytes FROM index_log_size;"));
    }

    [Fact]
    public void Prune_SizeRowUnderTheCap_DoesNotSumTheRows()
    {
        AppendRows([100, 100, 100]);
        Scalar("UPDATE index_log_size SET bytes = 0 RETURNING bytes;");

        Prune(keep: 100, maxBytes: 150);

        Assert.Equal([1, 2, 3], Seqs());
    }

    [Fact]
    public void Prune_NoSizeRow_SumsTheRows()
    {
        AppendRows([100, 100, 100]);
        Scalar("DELETE FROM index_log_size RETURNING 0;");

        Prune(keep: 100, maxBytes: 150);

        Assert.Equal([3], Seqs());
    }

    [Fact]
    public void Bounds_LogOfManyRows_NewestAndOldestBySeeksNotAScan()
    {
        AppendRows([10, 20, 30]);
        Prune(keep: 2, maxBytes: 1_000);

        using var bounds = _connection.CreateCommand();
        bounds.CommandText = Sql.Get("index-log-bounds.sql");
        using (var row = bounds.ExecuteReader())
        {
            row.Read();
            Assert.Equal((3L, 2L), (row.GetInt64(0), row.GetInt64(1)));
        }

        // the check before every path read: its cost must not grow with the log
        bounds.CommandText = "EXPLAIN QUERY PLAN " + Sql.Get("index-log-bounds.sql");
        using var plan = bounds.ExecuteReader();
        while (plan.Read())
        {
            Assert.DoesNotContain("SCAN index_log", plan.GetString(3), StringComparison.Ordinal);
        }
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void AppendRows(IEnumerable<int> sizes)
    {
        using var insert = _connection.CreateCommand();
        insert.CommandText = "INSERT INTO index_log (bytes, entity_ids, fact_keys, doc_ids) VALUES ($bytes, '[]', '[]', '[]');";
        var bytes = insert.Parameters.Add("$bytes", SqliteType.Integer);
        foreach (var size in sizes)
        {
            bytes.Value = size;
            insert.ExecuteNonQuery();
        }
    }

    private void Prune(int keep, long maxBytes)
    {
        using var prune = _connection.CreateCommand();
        prune.CommandText = Sql.Get("index-log-prune.sql");
        prune.Parameters.AddWithValue("$seq", Seqs().Max());
        prune.Parameters.AddWithValue("$keep", keep);
        prune.Parameters.AddWithValue("$max_bytes", maxBytes);
        prune.ExecuteNonQuery();
    }

    private List<long> Seqs()
    {
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT seq FROM index_log ORDER BY seq;";
        using var rows = read.ExecuteReader();
        var seqs = new List<long>();
        while (rows.Read())
        {
            seqs.Add(rows.GetInt64(0));
        }

        return seqs;
    }
}
