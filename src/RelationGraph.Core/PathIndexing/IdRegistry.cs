using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace RelationGraph.Core.PathIndexing;

/// <summary>
/// Maps ids to the dense numbers the index uses, and back, without a string per id. An id of the
/// canonical <see cref="Model.StableId"/> shape — one of the known prefixes, an underscore and 16 lower-case
/// hex digits — is kept as a prefix code and the 64-bit number the hex spells, in an open-addressing
/// table keyed by that number; the string is rebuilt only when an id is handed out. Any other id (other
/// lengths, upper-case hex, unknown prefixes) and a canonical id whose number another prefix already holds
/// go to a string-keyed side table, so every id round-trips exactly and an unknown id is never
/// mistaken for a known one.
/// </summary>
/// <remarks>
/// At a million entities and three million facts, a string per id and per key plus string-keyed
/// dictionaries would be most of the index's heap, and decoding and hashing them most of its build.
/// One writer at a time; concurrent readers are safe while nothing is added or removed.
/// </remarks>
internal sealed class IdRegistry
{
    private const byte SideTable = byte.MaxValue;
    private const int HexDigits = 16;
    private const ulong Fibonacci = 0x9E3779B97F4A7C15;

    private static readonly sbyte[] HexValues = BuildHexValues();

    private readonly string[] _prefixes;
    private readonly byte[][] _utf8Prefixes;
    private readonly int[] _prefixOrder;
    private readonly int _prefixLength;

    private readonly Dictionary<string, int> _sideIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _sideLookup;
    private readonly Dictionary<int, string> _sideIds = [];

    private Slot[] _slots;
    private int _shift;
    private int _used;

    private ulong[] _numbers;
    private byte[] _prefixCodes;

    /// <param name="prefixes">The canonical prefixes (without the underscore), all the same length, at most 254.</param>
    /// <param name="capacity">Expected number of ids.</param>
    public IdRegistry(IReadOnlyList<string> prefixes, int capacity)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        ArgumentOutOfRangeException.ThrowIfZero(prefixes.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(prefixes.Count, (int)SideTable);
        _prefixes = [.. prefixes];
        _prefixLength = _prefixes[0].Length;
        if (_prefixes.Any(p => p.Length != _prefixLength || p.Contains('_', StringComparison.Ordinal) || p.Any(c => c > 0x7f)))
        {
            throw new ArgumentException("Prefixes must be ASCII, of one length, without an underscore.", nameof(prefixes));
        }

        _utf8Prefixes = [.. _prefixes.Select(Encoding.ASCII.GetBytes)];

        // "p_hex" < "q_hex" exactly when "p_" < "q_" (no prefix holds '_', so they differ before it)
        var sorted = _prefixes.Select((p, code) => (p, code)).OrderBy(x => x.p + "_", StringComparer.Ordinal).ToArray();
        _prefixOrder = new int[_prefixes.Length];
        for (var rank = 0; rank < sorted.Length; rank++)
        {
            _prefixOrder[sorted[rank].code] = rank;
        }

        _sideLookup = _sideIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        capacity = Math.Max(capacity, 16);
        (_slots, _shift) = NewTable(capacity);
        _numbers = new ulong[capacity];
        _prefixCodes = new byte[capacity];
    }

    /// <summary>Number of ids held.</summary>
    public int Count => _used + _sideIndex.Count;

    /// <summary>Ids held in the string side table (non-canonical shapes and number collisions).</summary>
    internal int SideCount => _sideIndex.Count;

    /// <summary>The number given to an id.</summary>
    public bool TryGet(ReadOnlySpan<char> id, out int number)
    {
        if (TryParse(id, out var code, out var value))
        {
            if (TryFind(value, code, out number))
            {
                return true;
            }

            if (_sideIndex.Count == 0)
            {
                return false;
            }
        }

        return _sideLookup.TryGetValue(id, out number);
    }

    /// <summary>The number given to an id, from its UTF-8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<byte> utf8Id, out int number)
    {
        if (TryParse(utf8Id, out var code, out var value))
        {
            if (TryFind(value, code, out number))
            {
                return true;
            }

            if (_sideIndex.Count == 0)
            {
                return false;
            }
        }
        else if (_sideIndex.Count == 0)
        {
            number = -1;
            return false;
        }

        return TryGetFromSide(utf8Id, out number);
    }

    /// <summary>
    /// Numbers of many ids given as UTF-8 bytes one after another (<paramref name="idEnds"/>[i] is where id i
    /// ends); -1 for an id not held. The table reads of later ids are started while earlier ones are looked up,
    /// so cache misses overlap instead of being paid one after another (at a million ids the table is far
    /// larger than the caches and a lookup is mostly waiting for memory): each lookup prefetches the entry of
    /// the one a few places later.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void TryGetMany(ReadOnlySpan<byte> utf8Ids, ReadOnlySpan<int> idEnds, Span<int> numbers)
    {
        const int ahead = 8;
        var count = idEnds.Length;
        var values = ArrayPool<ulong>.Shared.Rent(count);
        var codes = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var start = 0;
            for (var i = 0; i < count; i++)
            {
                codes[i] = TryParse(utf8Ids[start..idEnds[i]], out var code, out values[i]) ? code : -1;
                start = idEnds[i];
            }

            var slots = _slots;
            start = 0;
            for (var i = 0; i < count; i++)
            {
                if (i + ahead < count && codes[i + ahead] >= 0)
                {
                    PrefetchSlot(ref slots[Bucket(values[i + ahead])]);
                }

                var id = utf8Ids[start..idEnds[i]];
                start = idEnds[i];
                if (codes[i] >= 0 && TryFind(values[i], (byte)codes[i], out numbers[i]))
                {
                    continue;
                }

                numbers[i] = (codes[i] >= 0 && _sideIndex.Count == 0) || !TryGet(id, out var number) ? -1 : number;
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(codes);
        }
    }

    /// <summary>Starts loading the table entry an id would be found in, so a lookup or insert a little later does not wait for memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ReadOnlySpan<byte> utf8Id)
    {
        if (TryParse(utf8Id, out _, out var value))
        {
            PrefetchSlot(ref _slots[Bucket(value)]);
        }
    }

    /// <summary>Starts loading what <see cref="IdOf"/> reads for <paramref name="number"/>, so formatting several ids in a row overlaps their cache misses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchIdOf(int number)
    {
        if (Sse.IsSupported && (uint)number < (uint)_numbers.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _numbers[number]));
            Sse.Prefetch0(Unsafe.AsPointer(ref _prefixCodes[number]));
        }
    }

    // A hint only: it never faults, so an address made stale by the GC moving the array costs nothing but the hint.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchSlot(ref Slot slot)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref slot));
        }
    }

    private bool TryGetFromSide(ReadOnlySpan<byte> utf8Id, out int number)
    {
        const int stackChars = 128;
        var maxChars = Encoding.UTF8.GetMaxCharCount(utf8Id.Length);
        Span<char> chars = maxChars <= stackChars ? stackalloc char[stackChars] : new char[maxChars];
        return _sideLookup.TryGetValue(chars[..Encoding.UTF8.GetChars(utf8Id, chars)], out number);
    }

    /// <summary>The id's number; when it is new, <paramref name="numberIfNew"/> is given to it.</summary>
    public int GetOrAdd(ReadOnlySpan<char> id, int numberIfNew, out bool added)
    {
        var canonical = TryParse(id, out var code, out var value);
        if ((canonical && TryFind(value, code, out var existing)) || ((!canonical || _sideIndex.Count != 0) && _sideLookup.TryGetValue(id, out existing)))
        {
            added = false;
            return existing;
        }

        added = true;
        if (!canonical || !TryInsert(value, code, numberIfNew))
        {
            AddToSide(id.ToString(), numberIfNew);
        }

        return numberIfNew;
    }

    /// <summary>The id's number from its UTF-8 bytes; when it is new, <paramref name="numberIfNew"/> is given to it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> utf8Id, int numberIfNew, out bool added)
    {
        if (TryParse(utf8Id, out var code, out var value))
        {
            if (TryFind(value, code, out var existing))
            {
                added = false;
                return existing;
            }

            added = true;
            if (_sideIndex.Count == 0 && TryInsert(value, code, numberIfNew))
            {
                return numberIfNew;
            }
        }

        return GetOrAdd(Encoding.UTF8.GetString(utf8Id), numberIfNew, out added);
    }

    /// <summary>Forgets an id; its number may be given to another id afterwards.</summary>
    public bool Remove(ReadOnlySpan<char> id, out int number)
    {
        if (TryParse(id, out var code, out var value) && TryRemove(value, code, out number))
        {
            return true;
        }

        if (_sideLookup.Remove(id, out _, out number))
        {
            _sideIds.Remove(number);
            return true;
        }

        return false;
    }

    /// <summary>The id a number was given to.</summary>
    public string IdOf(int number)
    {
        var code = _prefixCodes[number];
        return code == SideTable ? _sideIds[number] : Format(code, _numbers[number]);
    }

    /// <summary>Ordinal comparison of two numbers' ids, as <see cref="string.CompareOrdinal(string, string)"/> would order the strings.</summary>
    public int CompareIds(int a, int b)
    {
        var codeA = _prefixCodes[a];
        var codeB = _prefixCodes[b];
        if (codeA != SideTable && codeB != SideTable)
        {
            // fixed-length lower-case hex sorts as the number it spells
            return codeA == codeB ? _numbers[a].CompareTo(_numbers[b]) : _prefixOrder[codeA].CompareTo(_prefixOrder[codeB]);
        }

        Span<char> bufferA = stackalloc char[_prefixLength + 1 + HexDigits];
        Span<char> bufferB = stackalloc char[_prefixLength + 1 + HexDigits];
        var idA = codeA == SideTable ? _sideIds[a].AsSpan() : Write(codeA, _numbers[a], bufferA);
        var idB = codeB == SideTable ? _sideIds[b].AsSpan() : Write(codeB, _numbers[b], bufferB);
        return idA.SequenceCompareTo(idB);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryFind(ulong value, byte code, out int number)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var at = Bucket(value); ; at = (at + 1) & mask)
        {
            ref readonly var slot = ref slots[at];
            if (slot.Tag == 0)
            {
                break;
            }

            if (slot.Key == value)
            {
                // the same number under another prefix is another id: it lives in the side table, if anywhere
                if (slot.Tag == code + 1)
                {
                    number = slot.Value;
                    return true;
                }

                break;
            }
        }

        number = -1;
        return false;
    }

    // False when another prefix holds the number already (the caller puts the id in the side table).
    private bool TryInsert(ulong value, byte code, int number)
    {
        if ((_used + 1) * 4L > _slots.Length * 3L)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        var at = Bucket(value);
        while (_slots[at].Tag != 0)
        {
            if (_slots[at].Key == value)
            {
                return false;
            }

            at = (at + 1) & mask;
        }

        _slots[at] = new Slot(value, number, code + 1);
        _used++;
        Remember(number, code, value);
        return true;
    }

    private bool TryRemove(ulong value, byte code, out int number)
    {
        var mask = _slots.Length - 1;
        var at = Bucket(value);
        while (true)
        {
            ref readonly var slot = ref _slots[at];
            if (slot.Tag == 0 || (slot.Key == value && slot.Tag != code + 1))
            {
                number = -1;
                return false;
            }

            if (slot.Key == value)
            {
                number = slot.Value;
                break;
            }

            at = (at + 1) & mask;
        }

        // backward-shift deletion: pull later entries of the probe run into the hole, so lookups need no tombstones
        var hole = at;
        for (var next = (hole + 1) & mask; _slots[next].Tag != 0; next = (next + 1) & mask)
        {
            var home = Bucket(_slots[next].Key);
            var distanceFromHome = (next - home) & mask;
            var distanceToHole = (next - hole) & mask;
            if (distanceFromHome >= distanceToHole)
            {
                _slots[hole] = _slots[next];
                hole = next;
            }
        }

        _slots[hole] = default;
        _used--;
        return true;
    }

    private void AddToSide(string id, int number)
    {
        _sideIndex.Add(id, number);
        _sideIds[number] = id;
        Remember(number, SideTable, 0);
    }

    private void Remember(int number, byte code, ulong value)
    {
        if (number >= _numbers.Length)
        {
            var capacity = Math.Max(number + 1, _numbers.Length * 2);
            Array.Resize(ref _numbers, capacity);
            Array.Resize(ref _prefixCodes, capacity);
        }

        _numbers[number] = value;
        _prefixCodes[number] = code;
    }

    private void Grow()
    {
        var old = _slots;
        (_slots, _shift) = NewTable(old.Length);
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Tag != 0)
            {
                var at = Bucket(slot.Key);
                while (_slots[at].Tag != 0)
                {
                    at = (at + 1) & mask;
                }

                _slots[at] = slot;
            }
        }
    }

    // A power of two with the load at most three quarters.
    private static (Slot[] Slots, int Shift) NewTable(int entries)
    {
        var size = 16;
        while (size * 3L < entries * 4L + 4)
        {
            size *= 2;
        }

        return (new Slot[size], 64 - int.Log2(size));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Bucket(ulong value) => (int)((value * Fibonacci) >> _shift);

    private string Format(byte code, ulong value) =>
        string.Create(_prefixLength + 1 + HexDigits, (this, code, value), static (span, state) => state.Item1.Write(state.code, state.value, span));

    private Span<char> Write(byte code, ulong value, Span<char> destination)
    {
        _prefixes[code].CopyTo(destination);
        destination[_prefixLength] = '_';
        var hex = destination.Slice(_prefixLength + 1, HexDigits);
        for (var i = HexDigits - 1; i >= 0; i--)
        {
            hex[i] = "0123456789abcdef"[(int)(value & 0xf)];
            value >>= 4;
        }

        return destination[..(_prefixLength + 1 + HexDigits)];
    }

    private bool TryParse(ReadOnlySpan<char> id, out byte code, out ulong value)
    {
        code = 0;
        value = 0;
        if (id.Length != _prefixLength + 1 + HexDigits || id[_prefixLength] != '_' || !TryPrefix(id[.._prefixLength], out code))
        {
            return false;
        }

        foreach (var c in id[(_prefixLength + 1)..])
        {
            var digit = c < 0x80 ? HexValues[c] : -1;
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryParse(ReadOnlySpan<byte> id, out byte code, out ulong value)
    {
        code = 0;
        value = 0;
        if (id.Length != _prefixLength + 1 + HexDigits || id[_prefixLength] != (byte)'_')
        {
            return false;
        }

        var prefix = id[.._prefixLength];
        while (!prefix.SequenceEqual(_utf8Prefixes[code]))
        {
            if (++code == _utf8Prefixes.Length)
            {
                return false;
            }
        }

        var hexValues = HexValues;
        foreach (var b in id[(_prefixLength + 1)..])
        {
            var digit = b < 0x80 ? hexValues[b] : -1;
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        return true;
    }

    private bool TryPrefix(ReadOnlySpan<char> prefix, out byte code)
    {
        for (code = 0; code < _prefixes.Length; code++)
        {
            if (prefix.SequenceEqual(_prefixes[code]))
            {
                return true;
            }
        }

        return false;
    }

    // Lower-case hex only: an upper-case id is another string, so it must not share a number with the lower-case one.
    private static sbyte[] BuildHexValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < 16; i++)
        {
            values["0123456789abcdef"[i]] = (sbyte)i;
        }

        return values;
    }

    /// <summary>One table entry, 16 bytes: the id's number, the index's number for it, and its prefix code + 1 (0 = empty).</summary>
    private readonly record struct Slot(ulong Key, int Value, int Tag);
}
