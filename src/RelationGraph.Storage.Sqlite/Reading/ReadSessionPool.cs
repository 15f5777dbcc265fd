using System.Collections.Concurrent;

namespace RelationGraph.Storage.Sqlite.Reading;

/// <summary>
/// At most <see cref="Size"/> read sessions, opened on first need and kept open; a read waits (asynchronously) for
/// a free one. The bound is what bounds SQLite's native memory for reads (each connection has its own page cache
/// and compiled statements), whatever the number of concurrent requests.
/// </summary>
internal sealed class ReadSessionPool : IDisposable
{
    private readonly Func<ReadSession> _open;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<ReadSession> _idle = new();
    private int _opened;
    private volatile bool _disposed;

    public ReadSessionPool(int size, Func<ReadSession> open)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        _open = open;
        _slots = new SemaphoreSlim(size, size);
    }

    /// <summary>The most sessions open at once.</summary>
    public int Size { get; }

    /// <summary>Sessions open now, idle or in use.</summary>
    public int Opened => Volatile.Read(ref _opened);

    public async ValueTask<ReadSession> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        if (_idle.TryPop(out var session))
        {
            return session;
        }

        try
        {
            session = _open();
        }
        catch
        {
            _slots.Release();
            throw;
        }

        Interlocked.Increment(ref _opened);
        return session;
    }

    /// <summary>
    /// Gives a session back. One whose read failed is closed rather than kept: it may hold a half-read statement
    /// or an open transaction, and a fresh connection costs little next to a wrong answer.
    /// </summary>
    public void Return(ReadSession session, bool reusable)
    {
        if (reusable && !_disposed)
        {
            _idle.Push(session);
            if (_disposed)
            {
                CloseIdle(); // disposed meanwhile: nobody else will close it
            }
        }
        else
        {
            Close(session);
        }

        _slots.Release();
    }

    /// <summary>Closes the idle sessions; sessions in use are closed when they come back.</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var session))
        {
            Close(session);
        }
    }

    private void Close(ReadSession session)
    {
        session.Dispose();
        Interlocked.Decrement(ref _opened);
    }
}
