using System.Diagnostics;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.PathIndexing;

namespace RelationGraph.Storage.Sqlite;

// Opening the store: the write connection and its pragmas, the schema, the path index built at start, and the
// connection strings and read connections every later call uses.
public sealed partial class SqliteGraphStore
{
    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            CreateFolderOf(DatabaseFile);
            var connection = new SqliteConnection(_connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                // temp tables and sort B-trees in memory (the default spills them to files); a larger page cache for the writer;
                // WalCheckpointer copies the log back on its own thread; SQLite's own checkpoint on the writer's thread is only the
                // backstop at four times that, for a log that outgrows the copying (a reader holding an old snapshot, say)
                ExecuteScript(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
                ExecuteScript(connection, $"PRAGMA wal_autocheckpoint = {(int)Math.Min(int.MaxValue, 4L * _options.WalCheckpointPages):D};");
                ConfigureConnection(connection);
                connection.CreateAggregate("noisy_or", 1.0, static (double untrue, double confidence) => untrue * (1 - Math.Clamp(confidence, 0, 1)), static untrue => 1 - untrue);
                await ApplySchemaAsync(connection, cancellationToken);
                _writeConnection = connection;
                _writer = new DocumentWriter(connection, _timeProvider);
                _checkpointer = new WalCheckpointer(_connectionString, _options.WalCheckpointPages, _logger);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            _logger.StoreOpened(connection.DataSource);
            var stopwatch = Stopwatch.StartNew();
            // the newest change-log entry before the build: a commit during it is replayed at the first read (IndexSync)
            _indexSeq = await ReadUninitializedAsync((session, _) => Task.FromResult(LogBounds(session).Latest), cancellationToken);
            _index = await BuildIndexAsync(cancellationToken);
            _logger.IndexBuilt(_index.NodeCount, _index.EdgeCount, stopwatch.ElapsedMilliseconds);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>Rebuilds the path index from the database (at start; tests compare it with the incremental one).</summary>
    internal async Task<PathIndex> BuildIndexAsync(CancellationToken cancellationToken)
    {
        return await ReadUninitializedAsync(async (session, ct) =>
        {
            var connection = session.Connection;
            // sized up front: growing the tables and arrays of a million entries copies them several times
            var entityCount = Scalar<long>(connection, "SELECT count(*) FROM entities;");
            var factCount = Scalar<long>(connection, "SELECT count(*) FROM facts;");
            var builder = new PathIndexBuilder((int)entityCount, (int)factCount);

            // the facts are read on their own connection, from the start, while the entities are read on this one
            await using var factConnection = await OpenReadConnectionAsync(ct);
            IndexRowReader.ReadEntitiesAndFacts(connection, factConnection, builder, ct);
            return builder.Build();
        }, cancellationToken);
    }

    private static string BuildConnectionString(SqliteStoreOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = FilePath(options.Path) }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.ForeignKeys = true;
        builder.Pooling = true;

        // Microsoft.Data.Sqlite retries busy statements itself until this (seconds) runs out; keep it near busy_timeout
        builder.DefaultTimeout = Math.Max(1, (options.BusyTimeoutMilliseconds + 999) / 1000);
        return builder.ToString();
    }

    private static string FilePath(string path) => Path.GetFullPath(path);

    // At open, not in the constructor: a path that cannot be used then fails InitializeAsync (a host can serve with
    // /health/ready failing), instead of failing whatever first asks the container for the store.
    private static void CreateFolderOf(string? file)
    {
        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private void ConfigureConnection(SqliteConnection connection) =>
        ExecuteScript(connection, $"PRAGMA busy_timeout = {_options.BusyTimeoutMilliseconds:D}; PRAGMA foreign_keys = ON;");

    private static void ExecuteScript(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            ConfigureConnection(connection);
            ConfigureReadConnection(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
