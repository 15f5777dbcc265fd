using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Cli;

/// <summary>Runs CLI commands in-process against a given SQLite file, and the real relgraph executable as a child process.</summary>
internal static class CliRun
{
    public static IHost Host(string databasePath) => CliHost.Build(databasePath);

    public static async Task<GraphSnapshot> SnapshotAsync(string databasePath)
    {
        using var host = Host(databasePath);
        var store = host.Services.GetRequiredService<IGraphStore>();
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return await GraphSnapshot.TakeAsync(store, TestContext.Current.CancellationToken);
    }

    /// <summary>Starts <c>dotnet relgraph.dll args</c> with output captured.</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        // the CLI's own output folder (artifacts/bin/RelationGraph.Cli/<config>), whose deps.json matches relgraph.dll
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "RelationGraph.Cli", configuration, "relgraph.dll"));
        Assert.True(File.Exists(dll), "relgraph.dll not found: " + dll);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}

/// <summary>
/// Everything a graph holds that must not depend on how or when it was built (no timestamps), as sorted
/// lines, so two graphs compare fact by fact and a difference reads as a diff.
/// </summary>
internal sealed record GraphSnapshot(IReadOnlyList<string> Documents, IReadOnlyList<string> Entities, IReadOnlyList<string> Facts, IReadOnlyList<string> Mentions, IReadOnlyList<string> Evidence)
{
    public static async Task<GraphSnapshot> TakeAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        List<string> documents = [], entities = [], facts = [], mentions = [], evidence = [];
        await foreach (var item in store.ExportAsync(cancellationToken))
        {
            if (item.Document is { } d)
            {
                documents.Add($"{d.Document.Id} {d.Document.SourceUri} {d.Document.ContentHash} {d.Document.ExtractorVersion} m={d.MentionCount} e={d.EvidenceCount}");
            }
            else if (item.Entity is { } e)
            {
                entities.Add($"{e.Entity.Id} {e.Entity.Kind} {e.Entity.Name} [{string.Join("|", e.Entity.Aliases.Order(StringComparer.Ordinal))}] m={e.Entity.MentionCount} d={e.Entity.DocCount}");
            }
            else if (item.Fact is { } f)
            {
                facts.Add($"{f.FactKey} {f.Type} {f.SubjectId} {f.ObjectId} c={f.Confidence:0.###} e={f.EvidenceCount} d={f.DocCount}");
            }
            else if (item.Mention is { } m)
            {
                mentions.Add($"{m.Id} {m.DocumentId} {m.EntityId} {m.Start}-{m.End}");
            }
            else if (item.Evidence is { } v)
            {
                evidence.Add($"{v.Id} {v.FactKey} {v.DocumentId} {v.Start}-{v.End} {v.Quote}");
            }
        }

        return new GraphSnapshot(Sorted(documents), Sorted(entities), Sorted(facts), Sorted(mentions), Sorted(evidence));
    }

    public static void AssertEqual(GraphSnapshot expected, GraphSnapshot actual)
    {
        Assert.Equal(expected.Documents, actual.Documents);
        Assert.Equal(expected.Entities, actual.Entities);
        Assert.Equal(expected.Facts, actual.Facts);
        Assert.Equal(expected.Mentions, actual.Mentions);
        Assert.Equal(expected.Evidence, actual.Evidence);
    }

    private static List<string> Sorted(List<string> lines) => [.. lines.Order(StringComparer.Ordinal)];
}
