using System.Runtime.CompilerServices;

namespace RelationGraph.Core.PathIndexing;

/// <summary>The time limit and cancellation of one search, checked cheaply every thousand or so edges.</summary>
internal sealed class SearchBudget(TimeProvider timeProvider, long deadline, CancellationToken cancellationToken)
{
    // reading the clock is not free (a system call on some virtual machines): look every 1024 edges, about 10–50 µs of work
    private const int CheckEvery = 1024;

    private long _ticks;
    private long _nextCheck = CheckEvery;

    /// <summary>Counts one unit of work; every <see cref="CheckEvery"/> units looks at the clock.</summary>
    public void Tick() => Tick(1);

    /// <summary>Counts <paramref name="units"/> of work at once (a node's whole adjacency).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tick(int units)
    {
        _ticks += units;
        if (_ticks >= _nextCheck)
        {
            _nextCheck = _ticks + CheckEvery;
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
