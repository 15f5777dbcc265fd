using System.Collections.Concurrent;

namespace RelationGraph.Storage.Sqlite.Reading;

/// <summary>
/// A concurrent map that holds at most about <c>capacity</c> entries, evicting the least recently used first
/// (approximately). Recency is a coarse clock that ticks every 1/32 of the capacity's worth of inserts; each
/// entry keeps the tick it was last written or read at. When an insert takes the map over capacity, one
/// caller sweeps it: it counts entries per age and drops the oldest until an eighth of the capacity is free.
/// Reads take no lock and allocate nothing.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private const int MaxAge = 64;

    private readonly ConcurrentDictionary<TKey, Slot> _entries;
    private readonly int _tickShift;
    private long _inserts;
    private int _count;
    private int _sweeping;

    public BoundedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _tickShift = Math.Max(0, 31 - int.LeadingZeroCount(Math.Max(1, capacity / 32)));
        _entries = new ConcurrentDictionary<TKey, Slot>(comparer);
    }

    /// <summary>The most entries kept; 0 turns the cache off.</summary>
    public int Capacity { get; }

    /// <summary>Entries held now (exact once concurrent inserts and removals have finished).</summary>
    public int Count => Volatile.Read(ref _count);

    private int Tick => (int)(Volatile.Read(ref _inserts) >> _tickShift);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var slot))
        {
            var tick = Tick;
            if (slot.Tick != tick)
            {
                slot.Tick = tick; // written once per tick, so hot entries do not bounce a cache line between cores
            }

            value = slot.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (Capacity == 0)
        {
            return;
        }

        Interlocked.Increment(ref _inserts);
        var slot = new Slot(value) { Tick = Tick };
        if (_entries.TryAdd(key, slot))
        {
            if (Interlocked.Increment(ref _count) > Capacity)
            {
                Sweep();
            }
        }
        else
        {
            _entries[key] = slot;
        }
    }

    public void Remove(TKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Clear()
    {
        foreach (var key in _entries.Keys)
        {
            Remove(key);
        }
    }

    private void Sweep()
    {
        if (Interlocked.CompareExchange(ref _sweeping, 1, 0) != 0)
        {
            return; // another caller is sweeping; the map may run a little over capacity meanwhile
        }

        try
        {
            var target = Capacity - Math.Max(1, Capacity / 8);
            var tick = Tick;
            var perAge = new int[MaxAge + 1];
            foreach (var (_, slot) in _entries)
            {
                perAge[Age(slot, tick)]++;
            }

            // the youngest age that must go: all older entries go first, then entries of that age until the target is met
            var excess = Count - target;
            var cutoff = MaxAge;
            var older = perAge[MaxAge];
            while (cutoff > 0 && older < excess)
            {
                older += perAge[--cutoff];
            }

            for (var pass = 0; pass < 2; pass++)
            {
                var minimumAge = pass == 0 ? cutoff + 1 : cutoff;
                foreach (var (key, slot) in _entries)
                {
                    if (Count <= target)
                    {
                        return;
                    }

                    if (Age(slot, tick) >= minimumAge && _entries.TryRemove(new KeyValuePair<TKey, Slot>(key, slot)))
                    {
                        Interlocked.Decrement(ref _count);
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private static int Age(Slot slot, int tick) => Math.Clamp(tick - slot.Tick, 0, MaxAge);

    private sealed class Slot(TValue value)
    {
        public TValue Value { get; } = value;

        public int Tick { get; set; }
    }
}
