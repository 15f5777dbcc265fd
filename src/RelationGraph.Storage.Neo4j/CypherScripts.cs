using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

/// <summary>Cypher from <c>cypher/</c> that other components reuse.</summary>
public static class CypherScripts
{
    /// <summary>The schema (constraints and indexes, all <c>IF NOT EXISTS</c>) as cypher-shell runs it.</summary>
    public static string Schema => CypherStatements.SchemaScript;
}
