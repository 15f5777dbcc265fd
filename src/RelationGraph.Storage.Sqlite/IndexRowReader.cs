using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using SQLitePCL;

namespace RelationGraph.Storage.Sqlite;

/// <summary>
/// Reads index-entities.sql and index-facts.sql into a <see cref="PathIndexBuilder"/> through the raw SQLite
/// API: column text is read as UTF-8 bytes in place and handed to the builder as bytes, so a row allocates
/// nothing (ids and keys of the canonical shape are kept as numbers). Kinds and types are matched as bytes and
/// timestamps parsed from bytes. (Through <see cref="SqliteDataReader"/> every row cost five to seven strings
/// and a culture-aware date parse: most of a million-entity build.)
/// </summary>
internal static class IndexRowReader
{
    private const int CancellationCheckRows = 1 << 16;
    private const int FactRowsCapacity = 4096;

    /// <summary>Fact batches the reader may queue while the entities are still being read (a million rows, ≈ 130 MB at most).</summary>
    private const int MaxQueuedBatches = 256;

    private static readonly byte[][] KindNames = [.. EntityKinds.All.Select(k => Encoding.UTF8.GetBytes(k.ToString()))];
    private static readonly byte[][] TypeNames = [.. RelationTypes.All.Select(t => Encoding.UTF8.GetBytes(t.ToWireName()))];

    /// <summary>id, kind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReadEntities(SqliteConnection connection, PathIndexBuilder builder, CancellationToken cancellationToken)
    {
        using var statement = Prepare(connection, Sql.Get("index-entities.sql"));
        var rows = 0;
        while (Step(connection, statement))
        {
            if (++rows % CancellationCheckRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            builder.AddEntity(raw.sqlite3_column_blob(statement, 0), Kind(raw.sqlite3_column_blob(statement, 1)));
        }
    }

    /// <summary>
    /// Every entity (index-entities.sql: id, kind) from <paramref name="entityConnection"/>, then every fact
    /// (index-facts.sql: fact_key, type, subject_id, object_id, confidence, doc_count, first_seen) from
    /// <paramref name="factConnection"/>, in the order SQLite returns them.
    /// </summary>
    /// <remarks>
    /// Two threads share the work. A reader thread steps the facts' query and copies the rows' bytes into
    /// batches (with the interop, about two thirds of the work) from the start, while this thread reads the
    /// entities; facts need every entity first, so up to <see cref="MaxQueuedBatches"/> batches wait meanwhile.
    /// Then this thread resolves each batch's endpoints and adds its facts (the only thread writing to the
    /// builder), a batch at a time, so the id-table reads overlap. Used batches go back to the reader.
    /// </remarks>
    public static void ReadEntitiesAndFacts(SqliteConnection entityConnection, SqliteConnection factConnection, PathIndexBuilder builder, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var full = new BlockingCollection<FactRows>(MaxQueuedBatches);
        var spare = new ConcurrentBag<FactRows>();
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                ReadFactRows(factConnection, full, spare, stop.Token);
            }
            finally
            {
                full.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            ReadEntities(entityConnection, builder, stop.Token);
            foreach (var rows in full.GetConsumingEnumerable(stop.Token))
            {
                rows.AddTo(builder);
                spare.Add(rows);
            }
        }
        catch
        {
            // this side failed or the caller cancelled: stop the reader before the builder is abandoned
            // (when the reader fails, it completes the queue, this side ends normally and the failure is thrown below)
            stop.Cancel();
            ((IAsyncResult)reader).AsyncWaitHandle.WaitOne();
            throw;
        }

        reader.GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadFactRows(SqliteConnection connection, BlockingCollection<FactRows> full, ConcurrentBag<FactRows> spare, CancellationToken cancellationToken)
    {
        using var statement = Prepare(connection, Sql.Get("index-facts.sql"));
        var rows = spare.TryTake(out var recycled) ? recycled : new FactRows();
        var count = 0;
        while (Step(connection, statement))
        {
            if (++count % CancellationCheckRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            rows.Add(
                raw.sqlite3_column_blob(statement, 0),
                Type(raw.sqlite3_column_blob(statement, 1)),
                raw.sqlite3_column_blob(statement, 2),
                raw.sqlite3_column_blob(statement, 3),
                raw.sqlite3_column_double(statement, 4),
                raw.sqlite3_column_int(statement, 5),
                FirstSeen(statement));
            if (rows.IsFull)
            {
                full.Add(rows, cancellationToken);
                rows = spare.TryTake(out recycled) ? recycled : new FactRows();
            }
        }

        full.Add(rows, cancellationToken);
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return statement;
    }

    private static bool Step(SqliteConnection connection, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        return false;
    }

    private static EntityKind Kind(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < KindNames.Length; i++)
        {
            if (text.SequenceEqual(KindNames[i]))
            {
                return EntityKinds.All[i];
            }
        }

        return SqliteRows.Kind(Encoding.UTF8.GetString(text));
    }

    private static RelationType Type(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < TypeNames.Length; i++)
        {
            if (text.SequenceEqual(TypeNames[i]))
            {
                return RelationTypes.All[i];
            }
        }

        return SqliteRows.Type(Encoding.UTF8.GetString(text));
    }

    // Asks for the column's type only when the text is empty (NULL or ''): one call into SQLite fewer for nearly every row.
    private static DateTimeOffset? FirstSeen(sqlite3_stmt statement)
    {
        var text = raw.sqlite3_column_blob(statement, 6);
        return text.IsEmpty && raw.sqlite3_column_type(statement, 6) == raw.SQLITE_NULL ? null : Timestamp(text);
    }

    // The writer stores round-trip ("O") text; anything else goes through the general parser like before.
    private static DateTimeOffset Timestamp(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out DateTimeOffset value, out var consumed, 'O') && consumed == text.Length
            ? value
            : DateTimeOffset.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>A batch of decoded fact rows: fact key and endpoint ids as UTF-8 bytes.</summary>
    private sealed class FactRows
    {
        private const int Capacity = FactRowsCapacity;

        private readonly RelationType[] _types = new RelationType[Capacity];
        private readonly int[] _subjects = new int[Capacity];
        private readonly int[] _objects = new int[Capacity];
        private readonly double[] _confidences = new double[Capacity];
        private readonly int[] _docCounts = new int[Capacity];
        private readonly DateTimeOffset?[] _firstSeen = new DateTimeOffset?[Capacity];
        private readonly IdBytes _keys = new();
        private readonly IdBytes _subjectIds = new();
        private readonly IdBytes _objectIds = new();
        private int _count;

        public bool IsFull => _count == Capacity;

        public void Add(ReadOnlySpan<byte> key, RelationType type, ReadOnlySpan<byte> subjectId, ReadOnlySpan<byte> objectId, double confidence, int docCount, DateTimeOffset? firstSeen)
        {
            _keys.Add(key, _count);
            _subjectIds.Add(subjectId, _count);
            _objectIds.Add(objectId, _count);
            _types[_count] = type;
            _confidences[_count] = confidence;
            _docCounts[_count] = docCount;
            _firstSeen[_count] = firstSeen;
            _count++;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddTo(PathIndexBuilder builder)
        {
            builder.EntityNumbers(_subjectIds.Bytes, _subjectIds.Ends(_count), _subjects);
            builder.EntityNumbers(_objectIds.Bytes, _objectIds.Ends(_count), _objects);
            builder.AddFacts(_keys.Bytes, _keys.Ends(_count), _types, _subjects, _objects, _confidences, _docCounts, _firstSeen);
            _keys.Clear();
            _subjectIds.Clear();
            _objectIds.Clear();
            _count = 0;
        }
    }

    /// <summary>Ids one after another as UTF-8 bytes, with where each ends.</summary>
    private sealed class IdBytes
    {
        private readonly int[] _ends = new int[FactRowsCapacity];
        private byte[] _bytes = new byte[FactRowsCapacity * 24];
        private int _length;

        public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

        public void Add(ReadOnlySpan<byte> id, int row)
        {
            if (_length + id.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_length + id.Length, _bytes.Length * 2));
            }

            id.CopyTo(_bytes.AsSpan(_length));
            _length += id.Length;
            _ends[row] = _length;
        }

        public ReadOnlySpan<int> Ends(int count) => _ends.AsSpan(0, count);

        public void Clear() => _length = 0;
    }
}
