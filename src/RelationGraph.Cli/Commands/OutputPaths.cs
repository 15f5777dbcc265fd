using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Cli.Commands;

/// <summary>Checks made before a command does any work: that its output can be written, that the store it reads exists.</summary>
internal static class OutputPaths
{
    /// <summary>
    /// Why <paramref name="path"/> cannot be written, or null: its folder is created and a file is opened for writing
    /// (and removed again when it was not there), so a job does not run to the end only to fail writing its report.
    /// </summary>
    public static string? WriteError(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"'{full}' is a folder";
        }

        var existed = File.Exists(full);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (!existed)
            {
                File.Delete(full);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot write '{full}': {ex.Message}";
        }
    }

    /// <summary>
    /// For commands that only read or remove: when the store is a SQLite file that does not exist, says so on stderr and
    /// returns <see cref="ExitCodes.StoreUnavailable"/>, instead of creating an empty store to find nothing in.
    /// </summary>
    public static async Task<int?> MissingStoreAsync(string command, IServiceProvider services, TextWriter stderr)
    {
        if (services.GetRequiredService<IGraphStore>() is SqliteGraphStore { DatabaseFile: { } file } && !File.Exists(file) && !Directory.Exists(file))
        {
            await stderr.WriteLineAsync($"relgraph {command}: no store at '{file}' (nothing was ingested there); check --db or Storage:Sqlite:Path");
            return ExitCodes.StoreUnavailable;
        }

        return null;
    }
}
