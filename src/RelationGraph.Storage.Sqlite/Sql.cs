using System.Collections.Concurrent;

namespace RelationGraph.Storage.Sqlite;

/// <summary>The SQL statements, read once from the embedded <c>Sql/*.sql</c> resources.</summary>
internal static class Sql
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Get(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(Sql).Assembly.GetManifestResourceStream("RelationGraph.Storage.Sqlite.Sql." + n)
            ?? throw new InvalidOperationException($"SQL resource '{n}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
