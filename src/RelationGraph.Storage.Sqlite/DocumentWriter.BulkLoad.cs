using System.Globalization;

namespace RelationGraph.Storage.Sqlite;

// A bulk load into an empty store: the secondary indexes are dropped at its start and built once at its end.
internal sealed partial class DocumentWriter
{
    /// <summary>
    /// True during a bulk load: the secondary indexes are dropped (<see cref="EndBulkLoad"/> builds them). Anything beyond
    /// adding documents, which finds rows through them, ends the bulk load first.
    /// </summary>
    public bool BulkLoading { get; private set; }

    /// <summary>
    /// Starts a bulk load if the store holds no documents: drops the secondary indexes, so the load writes only tables and
    /// each index is built once at its end from sorted rows. A process killed mid-load leaves nothing to repair: opening a
    /// store creates whatever index is missing. False, changing nothing, when the store holds documents.
    /// </summary>
    public bool BeginBulkLoad()
    {
        if (!BulkLoading)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Sql.Get("any-document.sql");
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                command.CommandText = Sql.Get("drop-secondary-indexes.sql");
                command.ExecuteNonQuery();
                transaction.Commit();
                BulkLoading = true;
                return StartedBulkLoad();
            }
        }

        // not a new load: one whose end failed, or that another job of this store runs, gets its indexes now
        EndBulkLoad();
        return false;
    }

    // The load lasts while no other connection commits (see Apply): counted from here, with nothing remembered from before.
    private bool StartedBulkLoad()
    {
        _samplesForgotten = false;
        var dataVersion = DataVersion();
        if (dataVersion != _knownAtDataVersion)
        {
            _aliasesKnown.Clear();
            _samplesKnown.Clear();
            _knownAtDataVersion = dataVersion;
        }

        return true;
    }

    /// <summary>Ends this writer's bulk load, if it runs one: builds the secondary indexes.</summary>
    public void EndBulkLoad()
    {
        if (BulkLoading)
        {
            EnsureSecondaryIndexes();
        }
    }

    /// <summary>
    /// Builds any secondary index that is missing, in one transaction (each is a no-op when it exists), and ends this
    /// writer's bulk load. Run before the general path and removals, which find rows through the indexes: a bulk load
    /// started by another process on the same file has dropped them without this writer knowing.
    /// </summary>
    private void EnsureSecondaryIndexes()
    {
        using (var transaction = _connection.BeginTransaction(deferred: false))
        using (var command = _connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Sql.Get("secondary-indexes.sql");
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        BulkLoading = false;
    }
}
