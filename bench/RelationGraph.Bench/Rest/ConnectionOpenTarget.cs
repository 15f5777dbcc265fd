using Microsoft.Data.Sqlite;
using RelationGraph.Bench.Paths;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// The fixed cost every store read pays before its query: take a pooled connection and run the per-connection
/// PRAGMAs, as <c>SqliteGraphStore</c> does on each read (the endpoint makes three such reads per request).
/// </summary>
internal sealed class ConnectionOpenTarget(string databasePath) : IPathTarget
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databasePath),
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 5,
    }.ToString();

    public string Name => "pooled open + PRAGMAs (per store read)";

    /// <summary>Always 0: it finds no path.</summary>
    public async ValueTask<int> SearchAsync(Pair pair)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";
        await command.ExecuteNonQueryAsync();
        return 0;
    }
}
