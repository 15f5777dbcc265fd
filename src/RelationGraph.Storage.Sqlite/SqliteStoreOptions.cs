using System.ComponentModel.DataAnnotations;

namespace RelationGraph.Storage.Sqlite;

/// <summary>Where the embedded store keeps its database, bound from <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Storage:Sqlite";

    /// <summary>Database file, relative to the working directory; its folder is created. Default <c>data/relationgraph.db</c>.</summary>
    public string Path { get; set; } = "data/relationgraph.db";

    /// <summary>A full connection string that overrides <see cref="Path"/>, e.g. <c>Data Source=file:x?mode=memory&amp;cache=shared</c> for tests.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a statement waits for a lock before SQLITE_BUSY, in milliseconds. Default 5000.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>How many times a document or a read is retried after SQLITE_BUSY or SQLITE_LOCKED. Default 6.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 6;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult("Set Storage:Sqlite:Path or Storage:Sqlite:ConnectionString.", [nameof(Path), nameof(ConnectionString)]);
        }
    }
}
