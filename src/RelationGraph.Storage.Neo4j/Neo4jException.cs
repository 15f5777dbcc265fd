namespace RelationGraph.Storage.Neo4j;

/// <summary>What went wrong talking to Neo4j, which decides whether a retry can help.</summary>
public enum Neo4jFailure
{
    /// <summary>Neo4j refused the statement (syntax, constraint, type error): retrying cannot help.</summary>
    Query,

    /// <summary>A <c>Neo.TransientError.*</c>, a cluster leader switch, a 5xx, a timeout or a dropped connection: worth retrying.</summary>
    Transient,

    /// <summary>Wrong user or password (401/403): retrying cannot help.</summary>
    Authentication,

    /// <summary>Nothing listens at the configured address, or transient failures outlasted the retry budget.</summary>
    Unavailable,

    /// <summary>
    /// A statement inside an explicit transaction got no answer within the request timeout. The server may still be
    /// running it and holding its locks (and refuses a rollback meanwhile), so it is not retried; the server ends the
    /// transaction at the <c>maxExecutionTime</c> it was begun with (<see cref="Neo4jStoreOptions.TransactionTimeout"/>),
    /// or at its <c>db.transaction.timeout</c> where it ignores that field.
    /// </summary>
    TimedOut,
}

/// <summary>A failure reported by, or on the way to, Neo4j's Query API.</summary>
public sealed class Neo4jException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Neo4jException(Neo4jFailure failure, string? code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Code = code;
    }

    /// <summary>Creates a query failure without a Neo4j status code.</summary>
    public Neo4jException()
        : this(Neo4jFailure.Query, null, "Neo4j request failed.")
    {
    }

    /// <summary>Creates a query failure without a Neo4j status code.</summary>
    public Neo4jException(string message)
        : this(Neo4jFailure.Query, null, message)
    {
    }

    /// <summary>Creates a query failure without a Neo4j status code.</summary>
    public Neo4jException(string message, Exception innerException)
        : this(Neo4jFailure.Query, null, message, innerException)
    {
    }

    /// <summary>The kind of failure.</summary>
    public Neo4jFailure Failure { get; }

    /// <summary>Neo4j status code such as <c>Neo.TransientError.Transaction.DeadlockDetected</c>, when Neo4j sent one.</summary>
    public string? Code { get; }

    /// <summary>True when a retry may succeed.</summary>
    public bool IsTransient => Failure == Neo4jFailure.Transient;

    /// <summary>
    /// True when the server stopped the transaction because it ran past its time limit: the <c>maxExecutionTime</c> the
    /// store sent, or the server's <c>db.transaction.timeout</c>.
    /// </summary>
    public bool IsServerTimeout => Code is "Neo.ClientError.Transaction.TransactionTimedOut" or "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";

    /// <summary>
    /// Classifies a Neo4j status code: transient errors are retried except <c>Transaction.Terminated</c> and
    /// <c>LockClientStopped</c> (someone stopped the transaction on purpose); a leader switch is retried too.
    /// </summary>
    public static Neo4jFailure Classify(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code is "Neo.TransientError.Transaction.Terminated" or "Neo.TransientError.Transaction.LockClientStopped")
        {
            return Neo4jFailure.Query;
        }

        if (code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) || code == "Neo.ClientError.Cluster.NotALeader")
        {
            return Neo4jFailure.Transient;
        }

        return code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) ? Neo4jFailure.Authentication : Neo4jFailure.Query;
    }
}
