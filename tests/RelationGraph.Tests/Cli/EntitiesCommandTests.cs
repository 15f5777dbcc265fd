using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli;
using RelationGraph.Cli.Commands;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Tests.Core.Ingestion;
using CliProgram = RelationGraph.Cli.Program;

namespace RelationGraph.Tests.Cli;

public sealed class EntitiesCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Bethany = StableId.Entity(EntityKind.Person, "Bethany Redfern");
    private static readonly string Beth = StableId.Entity(EntityKind.Person, "Beth Redfern");
    private static readonly string Alex = StableId.Entity(EntityKind.Person, "Alex Moreno");

    private static readonly Dictionary<string, string> Stories = new(StringComparer.Ordinal)
    {
        ["a.txt"] = "Bethany Redfern, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.",
        ["b.txt"] = "Beth Redfern, chief executive of Halvorsen Shipping, met Ana Ruiz in Bergen.",
        ["c.txt"] = "Alex Moreno, chairman of Halvorsen Shipping, met Ana Ruiz in Bergen.",
        ["d.txt"] = "Alex Moreno, chief executive of Corvane Dynamics, signed a deal with Tomas Brennholt in 2023.",
    };

    private sealed class Workspace : IDisposable
    {
        private readonly TempFolder _work = new("work");

        public Workspace()
        {
            Corpus = new TempFolder("corpus");
            foreach (var (name, text) in Stories)
            {
                Corpus.Write(name, text);
            }
        }

        public TempFolder Corpus { get; }

        public string Database => Path.Combine(_work.Path, "graph.db");

        public static string DocumentId(string file) => StableId.Document("corpus/" + file);

        public async Task IngestAsync()
        {
            using var host = CliHost.Build(Database);
            Assert.Equal(ExitCodes.Ok, await IngestCommand.RunAsync([Corpus.Path], null, host.Services, TextWriter.Null, TextWriter.Null, terminal: false, Ct));
        }

        public async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string verb, string author,
            Func<IdentityJudgements, string, CancellationToken, Task<JudgementOutcome>> act)
        {
            using var host = CliHost.Build(Database);
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var exit = await EntitiesCommand.RunAsync(verb, author, act, host.Services, stdout, stderr, Ct);
            return (exit, stdout.ToString(), stderr.ToString());
        }

        public async Task<string> ListAsync(bool json)
        {
            using var host = CliHost.Build(Database);
            var stdout = new StringWriter();
            Assert.Equal(ExitCodes.Ok, await EntitiesCommand.ListAsync(json, host.Services, stdout, TextWriter.Null, Ct));
            return stdout.ToString();
        }

        public async Task<T> ReadAsync<T>(Func<IGraphStore, Task<T>> read)
        {
            using var host = CliHost.Build(Database);
            var store = host.Services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(Ct);
            return await read(store);
        }

        public void Dispose()
        {
            Corpus.Dispose();
            _work.Dispose();
        }
    }

    [Fact]
    public async Task Merge_ThenReingestAndRemove_HoldsAndIsListedWithWhoAndWhy()
    {
        using var work = new Workspace();
        await work.IngestAsync();

        var (exit, stdout, _) = await work.RunAsync("merge", "analyst", (j, author, ct) =>
            j.MakeAsync(JudgementRequest.Merge("Beth Redfern", "Bethany Redfern", author, "same person, per the company register"), ct));

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"made jdg_", stdout, StringComparison.Ordinal);
        Assert.Contains($"merge Beth Redfern ({Beth}) into Bethany Redfern ({Bethany})  by analyst", stdout, StringComparison.Ordinal);
        Assert.Contains("applied to 2 documents again: 2 updated, 0 failed", stdout, StringComparison.Ordinal);
        Assert.Null(await work.ReadAsync(s => s.GetEntityAsync(Beth, Ct)));

        work.Corpus.Write("b.txt", Stories["b.txt"] + " Beth Redfern later chaired Halvorsen Shipping.");
        await work.IngestAsync();
        File.Delete(Path.Combine(work.Corpus.Path, "a.txt"));
        Assert.NotNull(await work.ReadAsync(s => s.RemoveDocumentAsync(Workspace.DocumentId("a.txt"), Ct)));

        Assert.Null(await work.ReadAsync(s => s.GetEntityAsync(Beth, Ct)));
        var bethany = await work.ReadAsync(s => s.ResolveAsync("Beth Redfern", Ct));
        Assert.Equal(Bethany, bethany.Entity?.Id);
        Assert.Equal(1, bethany.Entity!.DocCount);
        var listed = await work.ListAsync(json: false);
        Assert.Contains("by analyst  \"same person, per the company register\"", listed, StringComparison.Ordinal);
        var json = JsonDocument.Parse(await work.ListAsync(json: true)).RootElement;
        var judgement = Assert.Single(json.EnumerateArray());
        Assert.Equal(("merge", Beth, "Person", "analyst"), (judgement.GetProperty("kind").GetString(), judgement.GetProperty("entity").GetProperty("id").GetString(),
            judgement.GetProperty("entity").GetProperty("kind").GetString(), judgement.GetProperty("author").GetString()));
    }

    [Fact]
    public async Task SplitThenRevoke_SplitsTheMentionsOffAndRevokingJoinsThemAgain()
    {
        using var work = new Workspace();
        await work.IngestAsync();
        var before = await CliRun.SnapshotAsync(work.Database);
        var atCorvane = StableId.Entity(EntityKind.Person, "Alex Moreno (Corvane)");

        var (exit, stdout, _) = await work.RunAsync("split", "analyst", (j, author, ct) =>
            j.MakeAsync(JudgementRequest.Split("Alex Moreno", [Workspace.DocumentId("d.txt")], "Alex Moreno (Corvane)", author), ct));

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"off as Alex Moreno (Corvane) ({atCorvane})", stdout, StringComparison.Ordinal);
        Assert.Equal(1, (await work.ReadAsync(s => s.GetEntityAsync(Alex, Ct)))!.Entity.DocCount);
        Assert.Equal(1, (await work.ReadAsync(s => s.GetEntityAsync(atCorvane, Ct)))!.Entity.DocCount);
        var id = (await work.ReadAsync(s => s.ListJudgementsAsync(Ct)))[0].Id;

        var revoked = await work.RunAsync("revoke", "lead", (j, author, ct) => j.RevokeAsync(id, author, ct));
        var twice = await work.RunAsync("revoke", "lead", (j, author, ct) => j.RevokeAsync(id, author, ct));

        Assert.Equal(ExitCodes.Ok, revoked.Exit);
        Assert.Contains("[revoked ", revoked.Stdout, StringComparison.Ordinal);
        Assert.Null(await work.ReadAsync(s => s.GetEntityAsync(atCorvane, Ct)));
        var after = await CliRun.SnapshotAsync(work.Database);
        Assert.Equal(before.Facts, after.Facts);
        Assert.Equal(before.Mentions, after.Mentions);
        Assert.Equal(ExitCodes.Failed, twice.Exit);
        Assert.Contains("revoked already", twice.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_AmbiguousName_Exit1ListingTheCandidates_SelfMergeIsAUsageError()
    {
        using var work = new Workspace();
        await work.IngestAsync();
        await work.ReadAsync(s => s.ApplyAsync([TestData.Batch("docs/jordan.txt", "Jordan knows Jordan Group.",
            ("Jordan", EntityKind.Person, RelationType.AssociatedWith, "Ana Ruiz", EntityKind.Person, "Jordan knows")),
            TestData.Batch("docs/jordan-org.txt", "Jordan funds Ana Ruiz.",
            ("Jordan", EntityKind.Organisation, RelationType.Funds, "Ana Ruiz", EntityKind.Person, "Jordan funds Ana Ruiz"))], Ct));

        var ambiguous = await work.RunAsync("merge", "analyst", (j, author, ct) => j.MakeAsync(JudgementRequest.Merge("Jordan", "Ana Ruiz", author), ct));
        var self = await work.RunAsync("merge", "analyst", (j, author, ct) => j.MakeAsync(JudgementRequest.Merge("Alex Moreno", Alex, author), ct));
        var unknown = await work.RunAsync("distinct", "analyst", (j, author, ct) => j.MakeAsync(JudgementRequest.Distinct("Nobody Known", Alex, author), ct));

        Assert.Equal(ExitCodes.Failed, ambiguous.Exit);
        Assert.Contains("'Jordan' names 2 entities", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Contains(StableId.Entity(EntityKind.Organisation, "Jordan"), ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Contains(StableId.Entity(EntityKind.Person, "Jordan"), ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, self.Exit);
        Assert.Equal(ExitCodes.Failed, unknown.Exit);
        Assert.Contains("No entity has the id or name 'Nobody Known'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal("No judgements.", (await work.ListAsync(json: false)).Trim());
    }

    [Fact]
    public async Task Import_ListOfAnotherStore_RebuiltStoreFromTheSameDocumentsHoldsTheSameGraphAndJudgements()
    {
        using var first = new Workspace();
        await first.IngestAsync();
        await first.RunAsync("merge", "analyst", (j, author, ct) => j.MakeAsync(JudgementRequest.Merge("Beth Redfern", "Bethany Redfern", author, "one person"), ct));
        var distinct = await first.RunAsync("distinct", "analyst", (j, author, ct) => j.MakeAsync(JudgementRequest.Distinct("Alex Moreno", "Ana Ruiz", author), ct));
        var distinctId = (await first.ReadAsync(s => s.ListJudgementsAsync(Ct)))[1].Id;
        await first.RunAsync("revoke", "lead", (j, author, ct) => j.RevokeAsync(distinctId, author, ct));
        var list = Path.Combine(first.Corpus.Path, "..", "judgements.json");
        await File.WriteAllTextAsync(list, await first.ListAsync(json: true), Ct);
        using var rebuilt = new Workspace();
        await rebuilt.IngestAsync();
        Assert.NotNull(await rebuilt.ReadAsync(s => s.GetEntityAsync(Beth, Ct)));

        var (exit, stdout) = await ImportAsync(rebuilt, list);
        var (again, secondStdout) = await ImportAsync(rebuilt, list);

        Assert.Equal(ExitCodes.Ok, distinct.Exit);
        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (exit, again));
        Assert.Contains("imported 2 judgements (0 held already)", stdout, StringComparison.Ordinal);
        Assert.Contains("imported 0 judgements (2 held already)", secondStdout, StringComparison.Ordinal);
        Assert.Equal(await first.ListAsync(json: true), await rebuilt.ListAsync(json: true));
        var (expected, actual) = (await CliRun.SnapshotAsync(first.Database), await CliRun.SnapshotAsync(rebuilt.Database));
        Assert.Equal(expected.Facts, actual.Facts);
        Assert.Equal(expected.Mentions, actual.Mentions);
        Assert.Null(await rebuilt.ReadAsync(s => s.GetEntityAsync(Beth, Ct)));
        File.WriteAllText(list, "[{\"id\": \"not-a-judgement\"}]");
        Assert.Equal(ExitCodes.Usage, (await ImportAsync(rebuilt, list)).Exit);
    }

    private static async Task<(int Exit, string Stdout)> ImportAsync(Workspace work, string file)
    {
        using var host = CliHost.Build(work.Database);
        var stdout = new StringWriter();
        var exit = await EntitiesCommand.ImportAsync(file, host.Services, stdout, TextWriter.Null, Ct);
        return (exit, stdout.ToString());
    }

    [Fact]
    public async Task Main_NoStoreAtDb_Exit3AndCreatesNone()
    {
        using var work = new Workspace();

        var exit = await CliProgram.Main(["entities", "distinct", "Alex Moreno", "Ana Ruiz", "--db", work.Database]);

        Assert.Equal(ExitCodes.StoreUnavailable, exit);
        Assert.False(File.Exists(work.Database));
    }

    [Fact]
    public async Task Main_MergeAndDistinct_JudgeTheEntitiesInTheirOrderWithReasonAndAuthor()
    {
        using var work = new Workspace();
        await work.IngestAsync();
        var ana = StableId.Entity(EntityKind.Person, "Ana Ruiz");

        var merged = await CliProgram.Main(["entities", "merge", "Beth Redfern", "Bethany Redfern", "--reason", "one person", "--by", "analyst", "--db", work.Database]);
        var distinct = await CliProgram.Main(["entities", "distinct", "Alex Moreno", "Ana Ruiz", "--reason", "two people", "--by", "lead", "--db", work.Database]);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (merged, distinct));
        var judgements = await work.ReadAsync(s => s.ListJudgementsAsync(Ct));
        Assert.Equal(
            [(JudgementKind.Merge, Beth, Bethany, "analyst", "one person"), (JudgementKind.Distinct, Alex, ana, "lead", "two people")],
            judgements.Select(j => (j.Kind, j.Entity.Id, j.Other.Id, j.Author, j.Reason)));
    }

    [Theory]
    [InlineData("entities", "merge", "Only One")]
    [InlineData("entities", "split", "Alex Moreno", "--name", "Alex M.")]
    [InlineData("entities", "split", "Alex Moreno", "--documents", "doc_1", "--name", "Alex M.", "--kind", "Planet")]
    [InlineData("entities", "revoke")]
    [InlineData("entities", "sideways")]
    public async Task Main_BadEntitiesCommandLine_ExitsWithUsageError(params string[] args)
    {
        Assert.Equal(ExitCodes.Usage, await CliProgram.Main(args));
    }

    [Fact]
    public void Parse_SplitDocuments_CommaSeparatedOrRepeated()
    {
        var parse = CliProgram.CreateRootCommand().Parse(["entities", "split", "A", "--documents", "doc_1,doc_2", "--documents", "doc_3", "--name", "B"]);

        Assert.Empty(parse.Errors);
    }
}
