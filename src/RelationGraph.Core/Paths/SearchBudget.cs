namespace RelationGraph.Core.Paths;

/// <summary>The time limit and cancellation of one search, checked cheaply every few dozen edges.</summary>
internal sealed class SearchBudget(TimeProvider timeProvider, long deadline, CancellationToken cancellationToken)
{
    private const int CheckEvery = 64;

    private int _ticks;

    /// <summary>Counts one unit of work; every <see cref="CheckEvery"/> units looks at the clock.</summary>
    public void Tick()
    {
        if (++_ticks % CheckEvery == 0)
        {
            CheckNow();
        }
    }

    /// <summary>Throws <see cref="SearchTimedOutException"/> when the deadline passed or the search was cancelled.</summary>
    public void CheckNow()
    {
        if (cancellationToken.IsCancellationRequested || timeProvider.GetTimestamp() >= deadline)
        {
            throw new SearchTimedOutException();
        }
    }
}

/// <summary>Unwinds a search that ran out of time; caught inside <see cref="PathFinder"/>, never seen by callers.</summary>
internal sealed class SearchTimedOutException : Exception
{
    public SearchTimedOutException()
        : base("The path search ran out of time.")
    {
    }

    public SearchTimedOutException(string message)
        : base(message)
    {
    }

    public SearchTimedOutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
