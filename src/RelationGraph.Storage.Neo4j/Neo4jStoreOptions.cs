using System.ComponentModel.DataAnnotations;

namespace RelationGraph.Storage.Neo4j;

/// <summary>Where and how to reach Neo4j's HTTP Query API. Section <c>Storage:Neo4j</c>.</summary>
public sealed class Neo4jStoreOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage:Neo4j";

    /// <summary>HTTP base address of the server, for example <c>http://localhost:7474</c> (Browser's port).</summary>
    [Required]
    [Url]
    public string Url { get; set; } = "http://localhost:7474";

    /// <summary>User for basic auth; empty when the server runs with auth disabled.</summary>
    public string User { get; set; } = "neo4j";

    /// <summary>Password for basic auth.</summary>
    public string Password { get; set; } = "";

    /// <summary>Database name; Community edition has only <c>neo4j</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9.-]{0,62}$")]
    public string Database { get; set; } = "neo4j";

    /// <summary>
    /// Time one HTTP request may take before it counts as a transient failure. Default 30 s. A read also asks the
    /// server to stop its transaction after this long (the Query API's <c>maxExecutionTime</c>, rounded up to whole
    /// seconds), since closing the request does not stop the query on the server.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time the server may spend on one write transaction (a document applied or removed) before it stops and rolls it
    /// back: sent as the Query API's <c>maxExecutionTime</c> (whole seconds, rounded up) when the transaction begins.
    /// Default 2 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt for transient errors, 5xx and network failures. Default 4.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First back-off delay; later ones grow exponentially with jitter. Default 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap on one back-off delay. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);
}
