using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Cli.Hosting;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Reading;

namespace RelationGraph.Cli.Commands;

/// <summary><c>relgraph extract &lt;file&gt; [--out FILE]</c>: extraction only, no store, as the JSON the evaluation scorer reads.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Document to extract (.txt, .md, .html, .pdf)." };
        var output = new Option<string?>("--out") { Description = "Write the JSON here instead of stdout." };
        var command = new Command("extract", "Extract entities and facts from one document and print them as JSON (score.py format); nothing is stored.")
        {
            file, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(null);
            return await RunAsync(parse.GetValue(file)!, parse.GetValue(output), host.Services, Console.OpenStandardOutput, Console.Error, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(string file, string? outputPath, IServiceProvider services, Func<Stream> openStdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openStdout);
        if (outputPath is not null && OutputPaths.WriteError(outputPath) is { } unwritable)
        {
            await stderr.WriteLineAsync($"relgraph extract: --out: {unwritable}");
            return ExitCodes.Usage;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"relgraph extract: cannot read '{file}': {ex.Message}");
            return ex is FileNotFoundException or DirectoryNotFoundException ? ExitCodes.Usage : ExitCodes.Failed;
        }

        var read = services.GetRequiredService<IDocumentReader>().Read(file, bytes);
        if (read.Document is null)
        {
            await stderr.WriteLineAsync($"relgraph extract: {file}: {read.ErrorCode}: {read.Error}");
            return ExitCodes.Failed;
        }

        var batch = await services.GetRequiredService<IDocumentExtractor>().ExtractAsync(read.Document, cancellationToken);
        if (outputPath is null)
        {
            await using var stdout = openStdout();
            ExtractionJson.Write(stdout, batch);
            return ExitCodes.Ok;
        }

        var full = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using (var stream = File.Create(full))
        {
            ExtractionJson.Write(stream, batch);
        }

        return ExitCodes.Ok;
    }
}
