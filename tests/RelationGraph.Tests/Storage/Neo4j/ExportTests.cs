using System.Diagnostics;
using System.Text;
using RelationGraph.Core.Export;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;
using RelationGraph.Hosting;
using RelationGraph.Storage.Neo4j;
using RelationGraph.Storage.Neo4j.Export;

namespace RelationGraph.Tests.Storage.Neo4j;

public sealed class ExportTests
{
    private const string EvilName = "Robert'); MATCH (n) DETACH DELETE n; //";
    private const string EvilText = EvilName + " works for Acme Corp.\nHe said \"no comment\" \\ twice.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData(EvilName, @"'Robert\'); MATCH (n) DETACH DELETE n; //'")]
    [InlineData("a\\b", @"'a\\b'")]
    [InlineData("line\nnext\r\ttab", @"'line\nnext\r\ttab'")]
    [InlineData("bell\u0007 sep\u2028 ünïcode", @"'bell\u0007 sep\u2028 ünïcode'")]
    public void Quote_UserText_CannotLeaveTheLiteral(string value, string expected)
    {
        Assert.Equal(expected, CypherLiteral.Quote(value));
    }

    [Fact]
    public void Value_MapWithListsNumbersAndNulls_IsACypherMapLiteral()
    {
        var map = new Dictionary<string, object?>
        {
            ["name"] = "A",
            ["aliases"] = new[] { "B", "C'" },
            ["confidence"] = 1.0,
            ["count"] = 2,
            ["gone"] = null,
            ["odd key"] = true,
        };

        Assert.Equal(@"{name: 'A', aliases: ['B', 'C\''], confidence: 1.0, count: 2, gone: null, `odd key`: true}", CypherLiteral.Value(map));
    }

    [Fact]
    public async Task CypherScriptExporter_StoredGraph_WritesSchemaThenIdempotentMerges()
    {
        var items = await ExportOfSampleGraphAsync();
        using var writer = new StringWriter();

        await new CypherScriptExporter(batchSize: 2).WriteAsync(ToAsync(items), writer, CypherScripts.Schema, Ct);

        var script = writer.ToString();
        Assert.True(script.IndexOf("CREATE CONSTRAINT entity_id IF NOT EXISTS", StringComparison.Ordinal) < script.IndexOf("UNWIND", StringComparison.Ordinal));
        Assert.Contains("SET e:Person, e += row.props;", script, StringComparison.Ordinal);
        Assert.Contains("MERGE (s)-[r:EMPLOYED_BY {factKey: row.factKey}]->(o)", script, StringComparison.Ordinal);
        Assert.Contains(CypherLiteral.Quote(EvilName), script, StringComparison.Ordinal);
        Assert.Contains("MERGE (ev)-[:SUBJECT]->(s)", script, StringComparison.Ordinal);
        Assert.Contains("MERGE (j:Judgement {id: row.id})\nSET j += row.props;", script, StringComparison.Ordinal);
        Assert.Contains($"{{id: {CypherLiteral.Quote(SampleJudgement.Id)}, props: {{kind: 'split', entityId: {CypherLiteral.Quote(TestData.AcmeId)}", script, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE (", script, StringComparison.Ordinal);
        var evidenceIds = items.Where(i => i.Evidence is not null).Select(i => i.Evidence!.Id).ToList();
        Assert.All(evidenceIds, id => Assert.Contains(CypherLiteral.Quote(id), script, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CypherScriptExporter_LargeDocuments_BatchesStatementsBySizeNotRows()
    {
        // three 600 kB documents: by rows alone they would share one statement of 1.8 MB
        var items = Enumerable.Range(0, 3).Select(i => new GraphExportItem
        {
            Document = new DocumentDetail(new DocumentSummary($"doc_{i}", $"docs/{i}.txt", null, null, null, TestData.Epoch, "hash", "v1", 600_000),
                new string((char)('a' + i), 600_000), 0, 0),
        }).ToList();
        using var writer = new StringWriter();

        await new CypherScriptExporter().WriteAsync(ToAsync(items), writer, null, Ct);

        var statements = writer.ToString().Split("MERGE (d:Document {id: row.id})").Length - 1;
        Assert.Equal(3, statements);
    }

    [Fact]
    public async Task CypherScriptExporter_Output_ParsesInNeo4jsOwnFrontEnd()
    {
        var lint = Path.Combine(RepositoryPaths.Root, "tools", "cypher-lint");
        Assert.SkipUnless(Directory.Exists(Path.Combine(lint, "node_modules", "@neo4j-cypher")),
            "tools/cypher-lint is not installed (run `npm ci` in tools/cypher-lint, as .ci/lint-cypher does)");
        var folder = Directory.CreateTempSubdirectory("relgraph-export-");
        try
        {
            await using (var writer = new StreamWriter(Path.Combine(folder.FullName, "graph.cypher")))
            {
                await new CypherScriptExporter().WriteAsync(ToAsync(await ExportOfSampleGraphAsync()), writer, CypherScripts.Schema, Ct);
            }

            var (exitCode, output) = await RunAsync("node", [Path.Combine(lint, "lint.mjs"), folder.FullName]);

            Assert.True(exitCode == 0, output);
            Assert.Contains("1 files, 0 errors", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Neo4jCsvExporter_StoredGraph_WritesImportFilesThatReadBackExactly()
    {
        var items = await ExportOfSampleGraphAsync();
        var folder = Directory.CreateTempSubdirectory("relgraph-csv-");
        try
        {
            await Neo4jCsvExporter.WriteAsync(ToAsync(items), folder.FullName, Ct);

            var documents = ReadCsv(Path.Combine(folder.FullName, "documents.csv"));
            var entities = ReadCsv(Path.Combine(folder.FullName, "entities.csv"));
            var facts = ReadCsv(Path.Combine(folder.FullName, "facts.csv"));
            var links = ReadCsv(Path.Combine(folder.FullName, "provenance.csv"));
            Assert.Equal(["id:ID", ":LABEL", "kind", "name", "aliases:string[]"], entities[0][..5]);
            Assert.Equal([":START_ID", ":END_ID", ":TYPE"], facts[0][..3]);
            Assert.Equal(items.Count(i => i.Entity is not null), entities.Count - 1);
            Assert.Equal(items.Count(i => i.Fact is not null), facts.Count - 1);
            var evil = Assert.Single(documents, r => r[0] == StableId.Document("docs/evil.txt"));
            Assert.Equal(EvilText, evil[^1]);
            Assert.Contains(entities, r => r[1] == "Entity;Person" && r[3] == EvilName);
            var evidenceCount = items.Count(i => i.Evidence is not null);
            Assert.Equal(evidenceCount, links.Count(r => r[2] == "SUBJECT"));
            Assert.Equal(evidenceCount, links.Count(r => r[2] == "OBJECT"));
            var employed = Assert.Single(facts, r => r[2] == "EMPLOYED_BY" && r[0] == TestData.Id(EntityKind.Person, "Alice Able"));
            Assert.Equal(2, employed[9].Split(';').Length);
            var judgements = ReadCsv(Path.Combine(folder.FullName, "judgements.csv"));
            var judgement = Assert.Single(judgements.Skip(1));
            Assert.Equal([SampleJudgement.Id, "Judgement", "split", TestData.AcmeId], judgement[..4]);
            Assert.Equal((StableId.Document("docs/evil.txt"), "analyst", EvilName, ""), (judgement[9], judgement[10], judgement[12], judgement[13]));
            Assert.Contains("--nodes=" + Path.Combine(folder.FullName, "judgements.csv"), Neo4jCsvExporter.ImportCommand(folder.FullName), StringComparison.Ordinal);
            Assert.Contains("--multiline-fields=true", Neo4jCsvExporter.ImportCommand(folder.FullName), StringComparison.Ordinal);
            // the default 4 MiB read buffer is smaller than one 20 MB document's row
            Assert.Contains("--read-buffer-size=64m", Neo4jCsvExporter.ImportCommand(folder.FullName), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GraphMLExporter_StoredGraph_WritesEntitiesAndFactEdges()
    {
        var items = await ExportOfSampleGraphAsync();
        var bell = new EntityDetail(new EntitySummary("per_bell", EntityKind.Person, "Bell\u0007Name", [], 1, 1), null, null, null, null, null, null, []);
        using var writer = new StringWriter();

        await GraphMLExporter.WriteAsync(ToAsync([.. items, new GraphExportItem { Entity = bell }]), writer, Ct);

        var graphml = System.Xml.Linq.XDocument.Parse(writer.ToString());
        System.Xml.Linq.XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var nodes = graphml.Descendants(ns + "node").ToList();
        var edges = graphml.Descendants(ns + "edge").ToList();
        Assert.Equal(items.Count(i => i.Entity is not null) + 1, nodes.Count);
        Assert.Equal(items.Count(i => i.Fact is not null), edges.Count);
        Assert.Contains(nodes, n => n.Elements(ns + "data").Any(d => (string?)d.Attribute("key") == "node_name" && d.Value == EvilName));
        Assert.Contains(nodes, n => n.Elements(ns + "data").Any(d => d.Value == "Bell\uFFFDName"));
        var nodeIds = nodes.Select(n => (string?)n.Attribute("id")).ToHashSet();
        Assert.All(edges, e => Assert.Contains((string?)e.Attribute("source"), nodeIds));
        Assert.Contains(edges, e => (string?)e.Attribute("label") == "AWARDED_BY");
    }

    [Theory]
    [InlineData("cypher", "graph.cypher", "MERGE (e:Entity {id: row.id})")]
    [InlineData("GraphML", "graph.graphml", "<graphml")]
    public async Task GraphExport_FormatToFile_WritesTheWholeFileAndNoPartialOne(string name, string file, string expected)
    {
        var items = await ExportOfSampleGraphAsync();
        var folder = Directory.CreateTempSubdirectory("relgraph-export-");
        try
        {
            Assert.True(GraphExport.TryParse(name, out var format));
            var output = Path.Combine(folder.FullName, "out", file);

            await GraphExport.WriteAsync(format, ToAsync(items), output, TextWriter.Null, CypherScripts.Schema, Ct);

            Assert.Contains(expected, await File.ReadAllTextAsync(output, Ct), StringComparison.Ordinal);
            Assert.False(File.Exists(output + ".partial"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GraphExport_CsvWithoutFolder_IsAUsageError()
    {
        Assert.False(GraphExport.TryParse("xml", out _));

        await Assert.ThrowsAsync<ArgumentException>(() => GraphExport.WriteAsync(GraphExportFormat.Csv, ToAsync([]), null, TextWriter.Null, null, Ct));
    }

    // a split of Acme Corp in one document, with a reason that tries to leave its literal
    private static readonly IdentityJudgement SampleJudgement = IdentityJudgement.Create(JudgementKind.Split,
        new JudgedEntity(TestData.AcmeId, EntityKind.Organisation, "Acme Corp"), new JudgedEntity(TestData.Id(EntityKind.Organisation, "Acme Corp (Ohio)"), EntityKind.Organisation, "Acme Corp (Ohio)"),
        [StableId.Document("docs/evil.txt")], "analyst", TestData.Epoch, EvilName);

    private static async Task<List<GraphExportItem>> ExportOfSampleGraphAsync()
    {
        using var store = Neo4jTestStore.OnFake(new FakeQueryApi());
        var evil = TestData.Batch("docs/evil.txt", EvilText,
            (EvilName, EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, EvilName + " works for Acme Corp"));
        await store.Port.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument(), evil], Ct);
        await store.Port.AddJudgementAsync(SampleJudgement, Ct);
        var items = new List<GraphExportItem>();
        await foreach (var item in store.Port.ExportAsync(Ct))
        {
            items.Add(item);
        }

        Assert.Equal(3, items.Count(i => i.Document is not null));
        return items;
    }

    private static async IAsyncEnumerable<GraphExportItem> ToAsync(IEnumerable<GraphExportItem> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    // RFC 4180 as neo4j-admin reads it: quoted fields may hold commas, doubled quotes and newlines.
    private static List<string[]> ReadCsv(string path)
    {
        var text = File.ReadAllText(path);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
