using System.Runtime.CompilerServices;
using System.Text;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.PathIndexing;

/// <summary>
/// Builds a <see cref="PathIndex"/> from rows streamed out of a store: every entity first, then every fact.
/// Fact endpoints are given as characters, so a reader can resolve them from a reused buffer instead of
/// allocating two strings per fact (at millions of facts those strings and their collection would be a large part of the build).
/// </summary>
/// <remarks>
/// The per-row methods are compiled fully optimised straight away: a build runs once, at start, while the
/// tiered JIT is busy with everything else and would leave it running unoptimised code for much of it.
/// </remarks>
/// <param name="nodeCapacity">Expected entity count (the dictionaries and arrays are sized to it).</param>
/// <param name="edgeCapacity">Expected fact count.</param>
public sealed class PathIndexBuilder(int nodeCapacity, int edgeCapacity)
{
    private PathIndex? _index = PathIndex.ForBuild(Math.Max(16, nodeCapacity), Math.Max(16, edgeCapacity));
    private bool _factsStarted;

    /// <summary>Adds an entity; a repeated id updates its kind. Entities must all come before the facts.</summary>
    public void AddEntity(string id, EntityKind kind)
    {
        ArgumentNullException.ThrowIfNull(id);
        var index = Current();
        if (_factsStarted)
        {
            throw new InvalidOperationException("Entities must be added before facts.");
        }

        index.AddNodeForBuild(id, kind);
    }

    /// <summary>
    /// Adds an entity from its id's UTF-8 bytes, as a store reads them: an id of the canonical
    /// <see cref="StableId"/> shape is kept as a number, with no string at all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddEntity(ReadOnlySpan<byte> utf8Id, EntityKind kind)
    {
        var index = Current();
        if (_factsStarted)
        {
            throw new InvalidOperationException("Entities must be added before facts.");
        }

        index.AddNodeForBuild(utf8Id, kind);
    }

    /// <summary>Adds a fact; a repeated key replaces the earlier one; self-loops are skipped (no simple path uses them).</summary>
    /// <exception cref="InvalidOperationException">An endpoint is not among the entities added.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddFact(string factKey, RelationType type, ReadOnlySpan<char> subjectId, ReadOnlySpan<char> objectId, double confidence, int docCount, DateTimeOffset? firstReported)
    {
        ArgumentNullException.ThrowIfNull(factKey);
        var index = Current();
        _factsStarted = true;
        index.AddEdgeForBuild(factKey, Require(index, subjectId), Require(index, objectId), type, confidence, docCount, PathIndex.Edge.ReportedTicks(firstReported));
    }

    /// <summary>Adds a fact whose endpoint ids are strings already (a plain dictionary lookup, the fastest when no per-row string is saved).</summary>
    /// <exception cref="InvalidOperationException">An endpoint is not among the entities added.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddFact(string factKey, RelationType type, string subjectId, string objectId, double confidence, int docCount, DateTimeOffset? firstReported)
    {
        ArgumentNullException.ThrowIfNull(factKey);
        ArgumentNullException.ThrowIfNull(subjectId);
        ArgumentNullException.ThrowIfNull(objectId);
        var index = Current();
        _factsStarted = true;
        index.AddEdgeForBuild(factKey, Require(index, subjectId), Require(index, objectId), type, confidence, docCount, PathIndex.Edge.ReportedTicks(firstReported));
    }

    /// <summary>
    /// The number the index gave an entity, for <see cref="AddFact(string, RelationType, int, int, double, int, DateTimeOffset?)"/>.
    /// Once every entity is added, this only reads, so another thread may call it while facts are being added
    /// (a reader can resolve one endpoint while the builder's thread resolves the other and adds the fact).
    /// </summary>
    /// <exception cref="InvalidOperationException">The id is not among the entities added.</exception>
    public int EntityNumber(ReadOnlySpan<char> id) => Require(Current(), id);

    /// <summary>As <see cref="EntityNumber(ReadOnlySpan{char})"/>, from the id's UTF-8 bytes.</summary>
    /// <exception cref="InvalidOperationException">The id is not among the entities added.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int EntityNumber(ReadOnlySpan<byte> utf8Id)
    {
        var index = Current();
        return index.TryGetNode(utf8Id, out var node)
            ? node
            : throw new InvalidOperationException($"Fact endpoint '{Encoding.UTF8.GetString(utf8Id)}' is not an indexed entity.");
    }

    /// <summary>
    /// Numbers of many entities at once, their ids given as UTF-8 bytes one after another (id i ends at
    /// <paramref name="idEnds"/>[i]): faster than one at a time at a million entities, the table reads overlap.
    /// Like <see cref="EntityNumber(ReadOnlySpan{byte})"/>, safe on another thread once every entity is added.
    /// </summary>
    /// <exception cref="InvalidOperationException">An id is not among the entities added.</exception>
    public void EntityNumbers(ReadOnlySpan<byte> utf8Ids, ReadOnlySpan<int> idEnds, Span<int> numbers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numbers.Length, idEnds.Length, nameof(numbers));
        var index = Current();
        index.TryGetNodes(utf8Ids, idEnds, numbers);
        var missing = numbers[..idEnds.Length].IndexOf(-1);
        if (missing >= 0)
        {
            var start = missing == 0 ? 0 : idEnds[missing - 1];
            throw new InvalidOperationException($"Fact endpoint '{Encoding.UTF8.GetString(utf8Ids[start..idEnds[missing]])}' is not an indexed entity.");
        }
    }

    /// <summary>Adds a fact whose endpoints were resolved with <see cref="EntityNumber(ReadOnlySpan{char})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddFact(string factKey, RelationType type, int subject, int obj, double confidence, int docCount, DateTimeOffset? firstReported)
    {
        ArgumentNullException.ThrowIfNull(factKey);
        var index = CurrentForNumberedFact(subject, obj);
        index.AddEdgeForBuild(factKey, subject, obj, type, confidence, docCount, PathIndex.Edge.ReportedTicks(firstReported));
    }

    /// <summary>Adds a fact, given its key's UTF-8 bytes, whose endpoints were resolved with <see cref="EntityNumber(ReadOnlySpan{byte})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddFact(ReadOnlySpan<byte> utf8FactKey, RelationType type, int subject, int obj, double confidence, int docCount, DateTimeOffset? firstReported)
    {
        var index = CurrentForNumberedFact(subject, obj);
        index.AddEdgeForBuild(utf8FactKey, subject, obj, type, confidence, docCount, PathIndex.Edge.ReportedTicks(firstReported));
    }

    /// <summary>
    /// Adds many facts at once: fact i's key is the UTF-8 bytes of <paramref name="utf8FactKeys"/> up to
    /// <paramref name="keyEnds"/>[i] (from where key i − 1 ends), its other values at position i of the other
    /// spans, its endpoints resolved with <see cref="EntityNumbers"/>. Same result as adding them one by one in
    /// order; faster at millions of facts, as the key table's entries are prefetched a few facts ahead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddFacts(
        ReadOnlySpan<byte> utf8FactKeys,
        ReadOnlySpan<int> keyEnds,
        ReadOnlySpan<RelationType> types,
        ReadOnlySpan<int> subjects,
        ReadOnlySpan<int> objects,
        ReadOnlySpan<double> confidences,
        ReadOnlySpan<int> docCounts,
        ReadOnlySpan<DateTimeOffset?> firstReported)
    {
        const int ahead = 8;
        var count = keyEnds.Length;
        if (types.Length < count || subjects.Length < count || objects.Length < count || confidences.Length < count || docCounts.Length < count || firstReported.Length < count)
        {
            throw new ArgumentException("Every span must hold a value for each key.", nameof(keyEnds));
        }

        var index = Current();
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            if (i + ahead < count)
            {
                index.PrefetchEdgeKey(utf8FactKeys[keyEnds[i + ahead - 1]..keyEnds[i + ahead]]);
            }

            AddFact(utf8FactKeys[start..keyEnds[i]], types[i], subjects[i], objects[i], confidences[i], docCounts[i], firstReported[i]);
            start = keyEnds[i];
        }
    }

    /// <summary>Finishes the index; the builder cannot be used afterwards.</summary>
    public PathIndex Build()
    {
        var index = Current();
        _index = null;
        index.FinishBuild();
        return index;
    }

    private PathIndex Current() => _index ?? throw new InvalidOperationException("The index was already built.");

    // A fact given by entity numbers: both must be numbers the index gave out; from here on no entity may be added.
    private PathIndex CurrentForNumberedFact(int subject, int obj)
    {
        var index = Current();
        ArgumentOutOfRangeException.ThrowIfNegative(subject);
        ArgumentOutOfRangeException.ThrowIfNegative(obj);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(subject, index.NodeCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(obj, index.NodeCapacity);
        _factsStarted = true;
        return index;
    }

    private static int Require(PathIndex index, string id) =>
        index.TryGetNode(id, out var node)
            ? node
            : throw new InvalidOperationException($"Fact endpoint '{id}' is not an indexed entity.");

    private static int Require(PathIndex index, ReadOnlySpan<char> id) =>
        index.TryGetNode(id, out var node)
            ? node
            : throw new InvalidOperationException($"Fact endpoint '{id}' is not an indexed entity.");
}
