using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>Temp database files for SQLite tests, each test its own, deleted afterwards.</summary>
internal sealed class SqliteTestFiles : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "relgraph-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteGraphStore> _stores = [];

    public string DatabasePath => Path.Combine(_folder, "graph.db");

    public SqliteGraphStore Open(TimeProvider? timeProvider = null, Action<SqliteStoreOptions>? configure = null)
    {
        var options = new SqliteStoreOptions { Path = DatabasePath };
        configure?.Invoke(options);
        var store = new SqliteGraphStore(Options.Create(options), timeProvider);
        _stores.Add(store);
        return store;
    }

    public async Task<SqliteGraphStore> OpenInitializedAsync(TimeProvider? timeProvider = null, Action<SqliteStoreOptions>? configure = null)
    {
        var store = Open(timeProvider, configure);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

/// <summary>What the SQLite store test classes share: their own temp database files, deleted afterwards, and the fixture documents' ids.</summary>
public abstract class SqliteStoreTestBase : IAsyncDisposable
{
    protected static string Alice => TestData.AliceId;

    protected static string Bob => TestData.BobId;

    protected static string Acme => TestData.AcmeId;

    protected static string Ministry => TestData.MinistryId;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected SqliteTestFiles Files { get; } = new();

    /// <summary>
    /// Starts a path search that stops right after it has read its details from SQLite, until <c>resume</c> is called:
    /// a test lands a commit in between and checks what the slow read answers and keeps.
    /// </summary>
    private protected static async Task<(Task<PathResult> Read, Action Resume)> StartPausedPathReadAsync(SqliteGraphStore store, PathRequest request)
    {
        var readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.AfterPathDetailsRead = async () =>
        {
            store.AfterPathDetailsRead = null;
            readDone.SetResult();
            await resume.Task;
        };

        var read = store.FindPathsAsync(request, Ct);
        await readDone.Task.WaitAsync(Ct);
        return (read, resume.SetResult);
    }

    public async ValueTask DisposeAsync()
    {
        await Files.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Reads a store file directly, as a user with SQL would (read-only, parameterised).</summary>
internal static class SqliteFile
{
    /// <summary>The first column of every row of <paramref name="sql"/>, as text.</summary>
    public static List<string> Strings(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
