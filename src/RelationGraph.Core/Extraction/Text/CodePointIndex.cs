namespace RelationGraph.Core.Extraction.Text;

/// <summary>
/// Converts between UTF-16 indexes (what C# strings use) and Unicode code point offsets (what the store and
/// the W3C TextPositionSelector use). Text without surrogate pairs maps one to one and costs nothing.
/// </summary>
public sealed class CodePointIndex
{
    // Sorted UTF-16 indexes of the high surrogates that start a valid pair; empty for BMP-only text.
    private readonly int[] _pairStarts;
    private readonly int _length;

    /// <summary>Indexes <paramref name="text"/>.</summary>
    public CodePointIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _length = text.Length;
        List<int>? starts = null;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                (starts ??= []).Add(i);
                i++;
            }
        }

        _pairStarts = starts?.ToArray() ?? [];
        CodePointLength = _length - _pairStarts.Length;
    }

    /// <summary>Number of code points in the text.</summary>
    public int CodePointLength { get; }

    /// <summary>The code point offset of a UTF-16 index (an index inside a pair counts as its start).</summary>
    public int ToCodePoint(int utf16Index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(utf16Index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16Index, _length);
        if (_pairStarts.Length == 0)
        {
            return utf16Index;
        }

        // Every pair that starts before the index shrinks it by one.
        var pairsBefore = LowerBound(utf16Index);
        return utf16Index - pairsBefore;
    }

    /// <summary>The UTF-16 index of a code point offset.</summary>
    public int ToUtf16(int codePoint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(codePoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(codePoint, CodePointLength);
        if (_pairStarts.Length == 0)
        {
            return codePoint;
        }

        // Pair k starts at UTF-16 index s_k, which is code point s_k - k; count the pairs whose start is before codePoint.
        int lo = 0, hi = _pairStarts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_pairStarts[mid] - mid < codePoint)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return codePoint + lo;
    }

    /// <summary>The substring between two code point offsets, end exclusive.</summary>
    public static string Slice(string text, int startCodePoint, int endCodePoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = new CodePointIndex(text);
        var start = index.ToUtf16(startCodePoint);
        return text[start..index.ToUtf16(endCodePoint)];
    }

    private int LowerBound(int utf16Index)
    {
        int lo = 0, hi = _pairStarts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_pairStarts[mid] < utf16Index)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
