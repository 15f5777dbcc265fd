using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using SQLitePCL;

namespace RelationGraph.Storage.Sqlite;

/// <summary>
/// Reads index-entities.sql and index-facts.sql into a <see cref="PathIndexBuilder"/> through the raw SQLite
/// API: column text is read as UTF-8 bytes in place, so a row allocates only the strings the index keeps
/// (entity id, fact key). Kinds and types are matched as bytes, timestamps parsed from bytes, and fact
/// endpoints looked up from a reused character buffer. (Through <see cref="SqliteDataReader"/> every row
/// cost five to seven strings and a culture-aware date parse: most of a million-entity build.)
/// </summary>
internal static class IndexRowReader
{
    private const int CancellationCheckRows = 1 << 16;

    private static readonly byte[][] KindNames = [.. EntityKinds.All.Select(k => Encoding.UTF8.GetBytes(k.ToString()))];
    private static readonly byte[][] TypeNames = [.. RelationTypes.All.Select(t => Encoding.UTF8.GetBytes(t.ToWireName()))];

    /// <summary>id, kind.</summary>
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

            builder.AddEntity(Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, 0)), Kind(raw.sqlite3_column_blob(statement, 1)));
        }
    }

    /// <summary>fact_key, type, subject_id, object_id, confidence, doc_count, first_seen.</summary>
    public static void ReadFacts(SqliteConnection connection, PathIndexBuilder builder, CancellationToken cancellationToken)
    {
        using var statement = Prepare(connection, Sql.Get("index-facts.sql"));
        var subject = new char[64];
        var obj = new char[64];
        var rows = 0;
        while (Step(connection, statement))
        {
            if (++rows % CancellationCheckRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var key = Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, 0));
            var type = Type(raw.sqlite3_column_blob(statement, 1));
            var subjectLength = Decode(raw.sqlite3_column_blob(statement, 2), ref subject);
            var objectLength = Decode(raw.sqlite3_column_blob(statement, 3), ref obj);
            var firstSeen = raw.sqlite3_column_type(statement, 6) == raw.SQLITE_NULL ? (DateTimeOffset?)null : Timestamp(raw.sqlite3_column_blob(statement, 6));
            builder.AddFact(key, type, subject.AsSpan(0, subjectLength), obj.AsSpan(0, objectLength),
                raw.sqlite3_column_double(statement, 4), raw.sqlite3_column_int(statement, 5), firstSeen);
        }
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

    // UTF-8 to UTF-16 into a reused buffer, grown for the rare long id.
    private static int Decode(ReadOnlySpan<byte> utf8, ref char[] buffer)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (needed > buffer.Length)
        {
            buffer = new char[needed];
        }

        return Encoding.UTF8.GetChars(utf8, buffer);
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

    // The writer stores round-trip ("O") text; anything else goes through the general parser like before.
    private static DateTimeOffset Timestamp(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out DateTimeOffset value, out var consumed, 'O') && consumed == text.Length
            ? value
            : DateTimeOffset.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
