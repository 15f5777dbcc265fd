using System.Text;
using System.Text.Json;
using RelationGraph.Storage.Neo4j;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Tests.Storage.Neo4j;

public sealed class Neo4jUnitTests
{
    [Theory]
    [InlineData("Neo.TransientError.Transaction.DeadlockDetected", Neo4jFailure.Transient)]
    [InlineData("Neo.TransientError.Transaction.Terminated", Neo4jFailure.Query)]
    [InlineData("Neo.TransientError.Transaction.LockClientStopped", Neo4jFailure.Query)]
    [InlineData("Neo.ClientError.Cluster.NotALeader", Neo4jFailure.Transient)]
    [InlineData("Neo.ClientError.Security.Unauthorized", Neo4jFailure.Authentication)]
    [InlineData("Neo.ClientError.Statement.SyntaxError", Neo4jFailure.Query)]
    public void Classify_StatusCode_DecidesRetry(string code, Neo4jFailure expected)
    {
        Assert.Equal(expected, Neo4jException.Classify(code));
    }

    [Fact]
    public void Body_WholeNumberDouble_IsWrittenAsFloatAndIntStaysInteger()
    {
        var body = Encoding.UTF8.GetString(ParameterWriter.Body(CypherStatements.Counts, new Dictionary<string, object?>
        {
            ["confidence"] = 1.0,
            ["count"] = 3,
            ["amount"] = 2500000m,
            ["names"] = new List<string> { "a", "b" },
        }));

        using var json = JsonDocument.Parse(body);
        var parameters = json.RootElement.GetProperty("parameters");
        Assert.Equal("1.0", parameters.GetProperty("confidence").GetRawText());
        Assert.Equal("3", parameters.GetProperty("count").GetRawText());
        Assert.Equal("2500000.0", parameters.GetProperty("amount").GetRawText());
        Assert.Equal(CypherStatements.Counts.Text, json.RootElement.GetProperty("statement").GetString());
    }

    [Fact]
    public void SplitScript_SchemaFile_GivesOneStatementPerSemicolonWithoutComments()
    {
        var statements = CypherStatements.Schema;

        Assert.True(statements.Count >= 17);
        Assert.All(statements, s => Assert.Contains("IF NOT EXISTS", s.Text, StringComparison.Ordinal));
        Assert.All(statements, s => Assert.DoesNotContain("//", s.Text, StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Text.StartsWith("CREATE FULLTEXT INDEX entity_names", StringComparison.Ordinal));
    }
}
