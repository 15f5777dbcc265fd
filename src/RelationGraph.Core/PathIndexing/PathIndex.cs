using System.Runtime.CompilerServices;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;

namespace RelationGraph.Core.PathIndexing;

/// <summary>
/// The in-memory adjacency index path queries walk: entity ids and fact keys numbered densely (held as
/// 64-bit numbers when they have the canonical <see cref="StableId"/> shape, see <see cref="IdRegistry"/>),
/// fact attributes in a struct array, and adjacency in compressed sparse rows (one offsets array, one
/// neighbour/edge array).
/// </summary>
/// <remarks>
/// <para>
/// Incremental updates: rebuilding 3M edges after every ingest is too slow, and per-node growable arrays
/// cost a million small objects and lose the locality of one contiguous array. So the CSR arrays are a
/// base that is never mutated, and a node whose facts changed since the last build gets an overlay: a
/// copy of its adjacency with spare capacity, grown by half when full, so adding an edge to a hub is O(1)
/// amortised instead of a copy of the hub. Removing an edge shifts the rest of the node's overlay
/// (order is kept; a scan of the node's adjacency). A removed fact's slot is freed for the next new
/// fact, so edge numbers never move and compaction never touches the key dictionary. When the adjacency
/// changes since the last build exceed a quarter of the base entries, or the overlays' memory exceeds the
/// base's, the index folds the overlays back into fresh CSR arrays (O(nodes + edges), amortised over at
/// least that many changes).
/// </para>
/// <para>
/// Concurrency: one writer, many readers, through a <see cref="ReaderWriterLockSlim"/>. Searches are
/// synchronous and sub-millisecond, so readers hold the read lock for the whole search and never see a
/// half-applied delta; a writer waits for running searches only. A compaction lays its new arrays out
/// while searches go on (the writer holds the upgradeable lock) and blocks them only for the swap.
/// </para>
/// </remarks>
public sealed class PathIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    // at most this many searches run at once, each with its own buffers; more would only wait for a core
    private readonly SearchScratchPool _scratches = new(Math.Max(2, Environment.ProcessorCount));

    private static readonly string[] EntityPrefixes = [.. EntityKinds.All.Select(EntityKinds.Prefix)];
    private static readonly string[] FactPrefixes = ["fact"];

    private readonly IdRegistry _nodeIds;
    private byte[] _kinds;
    private int _nodeCount;

    private readonly IdRegistry _edgeKeys;
    private readonly Stack<int> _freeEdges = new();
    private Edge[] _edges;
    private int _edgeCount;
    private int _liveEdgeCount;

    private int[] _offsets;
    private Adjacent[] _adjacency;
    private int _baseNodeCount;
    private Adjacent[]?[] _overlay;
    private int[] _overlayLength;
    private long _overlayCapacity;
    private long _changesSinceBuild;
    private int _overlayNodes;

    private PathIndex(int nodeCapacity, int edgeCapacity)
    {
        _nodeIds = new IdRegistry(EntityPrefixes, nodeCapacity);
        _kinds = new byte[Math.Max(nodeCapacity, 4)];
        _edgeKeys = new IdRegistry(FactPrefixes, edgeCapacity);
        _edges = new Edge[Math.Max(edgeCapacity, 4)];
        _offsets = [0];
        _adjacency = [];
        _overlay = new Adjacent[]?[_kinds.Length];
        _overlayLength = new int[_kinds.Length];
    }

    /// <summary>An empty index.</summary>
    public PathIndex()
        : this(16, 16)
    {
    }

    /// <summary>Number of entities known to the index (deleted ones included until compaction).</summary>
    public int NodeCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _nodeCount;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Number of live fact edges.</summary>
    public int EdgeCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _liveEdgeCount;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Builds an index in one pass from every entity and fact.</summary>
    /// <remarks>Facts whose endpoints are not among <paramref name="entities"/> are an error; self-loops are skipped (no simple path uses them).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PathIndex Build(IEnumerable<IndexedEntity> entities, IEnumerable<IndexedFact> facts, int nodeCapacity = 16, int edgeCapacity = 16)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(facts);
        var builder = new PathIndexBuilder(nodeCapacity, edgeCapacity);
        foreach (var entity in entities)
        {
            builder.AddEntity(entity.Id, entity.Kind);
        }

        foreach (var fact in facts)
        {
            builder.AddFact(fact.FactKey, fact.Type, fact.SubjectId, fact.ObjectId, fact.Confidence, fact.DocCount, fact.FirstReported);
        }

        return builder.Build();
    }

    /// <summary>An empty index for <see cref="PathIndexBuilder"/> to fill.</summary>
    internal static PathIndex ForBuild(int nodeCapacity, int edgeCapacity) => new(nodeCapacity, edgeCapacity);

    /// <summary>Looks an entity up by its id's characters, so a reader can resolve fact endpoints without a string per row.</summary>
    internal bool TryGetNode(ReadOnlySpan<char> id, out int node) => _nodeIds.TryGet(id, out node);

    /// <summary>Looks an entity up by its id's UTF-8 bytes, as a store reads them.</summary>
    internal bool TryGetNode(ReadOnlySpan<byte> utf8Id, out int node) => _nodeIds.TryGet(utf8Id, out node);

    /// <summary>Looks many entities up by their ids' UTF-8 bytes (see <see cref="IdRegistry.TryGetMany"/>); -1 for unknown ids.</summary>
    internal void TryGetNodes(ReadOnlySpan<byte> utf8Ids, ReadOnlySpan<int> idEnds, Span<int> nodes) => _nodeIds.TryGetMany(utf8Ids, idEnds, nodes);

    /// <summary>Starts loading the fact-key table entry a key would go in (see <see cref="IdRegistry.Prefetch"/>).</summary>
    internal void PrefetchEdgeKey(ReadOnlySpan<byte> utf8FactKey) => _edgeKeys.Prefetch(utf8FactKey);

    /// <summary>Adds or updates an entity during a build.</summary>
    internal void AddNodeForBuild(string id, EntityKind kind) => UpsertNode(id, kind);

    /// <summary>Adds or updates an entity, given its id's UTF-8 bytes, during a build.</summary>
    internal void AddNodeForBuild(ReadOnlySpan<byte> utf8Id, EntityKind kind) => SetKind(_nodeIds.GetOrAdd(utf8Id, _nodeCount, out var added), added, kind);

    /// <summary>Adds a fact during a build (adjacency comes at <see cref="FinishBuild"/>); self-loops are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddEdgeForBuild(string factKey, int subject, int obj, RelationType type, double confidence, int docCount, long firstReportedTicks)
    {
        if (subject != obj)
        {
            SetBuiltEdge(InternEdge(factKey), subject, obj, type, confidence, docCount, firstReportedTicks);
        }
    }

    /// <summary>Adds a fact, given its key's UTF-8 bytes, during a build; self-loops are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddEdgeForBuild(ReadOnlySpan<byte> utf8FactKey, int subject, int obj, RelationType type, double confidence, int docCount, long firstReportedTicks)
    {
        if (subject != obj)
        {
            SetBuiltEdge(InternEdge(utf8FactKey), subject, obj, type, confidence, docCount, firstReportedTicks);
        }
    }

    private void SetBuiltEdge(int edge, int subject, int obj, RelationType type, double confidence, int docCount, long firstReportedTicks)
    {
        if (!_edges[edge].Alive)
        {
            _liveEdgeCount++;
        }

        _edges[edge] = Edge.From(subject, obj, type, confidence, docCount, firstReportedTicks);
    }

    /// <summary>Lays the facts added by the build out in CSR arrays.</summary>
    internal void FinishBuild() => RebuildCsr();

    /// <summary>Applies one ingest's changes without a full rebuild.</summary>
    public void Apply(PathIndexDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.IsEmpty)
        {
            return;
        }

        // The upgradeable lock keeps other writers out for the whole call; searches are held off only while
        // the delta is applied and while fresh CSR arrays are swapped in, not while they are laid out
        // (hundreds of milliseconds at a million entities): only this writer changes what that reads.
        _lock.EnterUpgradeableReadLock();
        try
        {
            bool compact;
            _lock.EnterWriteLock();
            try
            {
                foreach (var entity in delta.UpsertedEntities)
                {
                    UpsertNode(entity.Id, entity.Kind);
                }

                foreach (var key in delta.RemovedFactKeys)
                {
                    if (_edgeKeys.Remove(key, out var edge))
                    {
                        RemoveEdge(edge);
                    }
                }

                foreach (var fact in delta.UpsertedFacts)
                {
                    UpsertEdge(fact);
                }

                compact = _changesSinceBuild > Math.Max(MinCompactionEntries, _adjacency.Length / 4)
                    || _overlayCapacity > Math.Max(MinCompactionEntries, _adjacency.Length);
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            if (compact)
            {
                var (offsets, adjacency) = LayOutCsr();
                CompactionLaidOut?.Invoke();
                _lock.EnterWriteLock();
                try
                {
                    InstallCsr(offsets, adjacency);
                    Compactions++;
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    /// <summary>Finds paths as the request asks; see <see cref="PathMode"/>.</summary>
    /// <remarks>
    /// Over-bound requests throw <see cref="ArgumentOutOfRangeException"/>. When <paramref name="deadline"/>
    /// (a <see cref="TimeProvider.GetTimestamp"/> value) passes or <paramref name="cancellationToken"/> is
    /// cancelled, the search stops and answers with what it found and <see cref="PathSearchResult.TimedOut"/> set.
    /// Unknown ids find nothing.
    /// </remarks>
    public PathSearchResult FindPaths(PathRequest request, TimeProvider timeProvider, long deadline, CancellationToken cancellationToken = default)
    {
        PathRequestBounds.Validate(request);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _lock.EnterReadLock();
        try
        {
            if (!_nodeIds.TryGet(request.FromId, out var from) || !_nodeIds.TryGet(request.ToId, out var to) || from == to)
            {
                return new PathSearchResult([], false);
            }

            var budget = new SearchBudget(timeProvider, deadline, cancellationToken);
            var scratch = _scratches.Rent(NodeCapacity);
            try
            {
                var finder = new PathFinder(this, PathFilterMask.Compile(request.Filter), budget, scratch);
                var (paths, timedOut) = finder.Find(from, to, request.Mode, request.MaxHops, request.K);
                return new PathSearchResult(ToFoundPaths(paths, request.FromId, request.ToId), timedOut);
            }
            finally
            {
                _scratches.Return(scratch);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Facts touching an entity that pass the filter's edge conditions, strongest first (more documents, then higher confidence).</summary>
    /// <remarks>Types, confidence, documents and date window filter the facts; middle kinds, when given, filter the neighbour's kind.</remarks>
    public IReadOnlyList<IndexedNeighbour> GetNeighbours(string entityId, PathFilter filter, int limit)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        PathRequestBounds.ValidateFilter(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var mask = PathFilterMask.Compile(filter);
        _lock.EnterReadLock();
        try
        {
            if (!_nodeIds.TryGet(entityId, out var node))
            {
                return [];
            }

            var found = new List<(int Edge, int Neighbour)>();
            foreach (var adjacent in Neighbours(node))
            {
                if (mask.EdgeAllowed(in _edges[adjacent.Edge]) && mask.KindAllowed(_kinds[adjacent.Node]))
                {
                    found.Add((adjacent.Edge, adjacent.Node));
                }
            }

            found.Sort((a, b) =>
            {
                ref readonly var x = ref _edges[a.Edge];
                ref readonly var y = ref _edges[b.Edge];
                var byDocs = y.DocCount.CompareTo(x.DocCount);
                if (byDocs != 0)
                {
                    return byDocs;
                }

                var byConfidence = y.Confidence.CompareTo(x.Confidence);
                return byConfidence != 0 ? byConfidence : _edgeKeys.CompareIds(a.Edge, b.Edge);
            });
            return [.. found.Take(limit).Select(f => new IndexedNeighbour(_edgeKeys.IdOf(f.Edge), _nodeIds.IdOf(f.Neighbour), _edges[f.Edge].Subject == node))];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        _lock.Dispose();
        _scratches.Dispose();
    }

    /// <summary>
    /// The live adjacency as sorted text lines ("node: fact neighbour direction type conf docs reported"), so an
    /// incrementally updated index can be compared with a full rebuild.
    /// </summary>
    internal IReadOnlyList<string> DescribeAdjacency()
    {
        _lock.EnterReadLock();
        try
        {
            var lines = new List<string>();
            for (var node = 0; node < _nodeCount; node++)
            {
                foreach (var adjacent in Neighbours(node))
                {
                    ref readonly var edge = ref _edges[adjacent.Edge];
                    lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{_nodeIds.IdOf(node)}({(EntityKind)_kinds[node]}): {_edgeKeys.IdOf(adjacent.Edge)} {_nodeIds.IdOf(adjacent.Node)}({(EntityKind)_kinds[adjacent.Node]}) {(edge.Subject == node ? "out" : "in")} {(RelationType)edge.Type} {edge.Confidence} {edge.DocCount} {edge.FirstReportedTicks}"));
                }
            }

            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    internal int NodeCapacity => _nodeCount;

    /// <summary>Search buffer sets created so far (see <see cref="SearchScratchPool"/>), for tests.</summary>
    internal int SearchBuffersCreated => _scratches.Created;

    /// <summary>Adjacency changes (and overlay entries) tolerated before compaction, whatever the base size (tests lower it).</summary>
    internal int MinCompactionEntries { get; set; } = 4096;

    /// <summary>Test hook: runs during a compaction after the new CSR arrays are laid out, before they replace the old ones.</summary>
    internal Action? CompactionLaidOut { get; set; }

    /// <summary>How many times the overlays were folded back into CSR arrays.</summary>
    internal int Compactions { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<Adjacent> Neighbours(int node)
    {
        // right after a build or compaction there are no overlays: skip a random read per node
        if (_overlayNodes != 0 && _overlay[node] is { } overlay)
        {
            return new ReadOnlySpan<Adjacent>(overlay, 0, _overlayLength[node]);
        }

        return node < _baseNodeCount
            ? new ReadOnlySpan<Adjacent>(_adjacency, _offsets[node], _offsets[node + 1] - _offsets[node])
            : [];
    }

    internal ref readonly Edge EdgeAt(int edge) => ref _edges[edge];

    /// <summary>The entity at the other end of <paramref name="edge"/> from <paramref name="node"/>.</summary>
    internal int OtherEnd(int edge, int node)
    {
        ref readonly var e = ref _edges[edge];
        return e.Subject == node ? e.Object : e.Subject;
    }

    internal byte KindOf(int node) => _kinds[node];

    /// <summary>Orders two entities by id as <see cref="string.CompareOrdinal(string, string)"/> would, without building the strings.</summary>
    internal int CompareNodeIds(int a, int b) => _nodeIds.CompareIds(a, b);

    /// <summary>Orders two facts by key as <see cref="string.CompareOrdinal(string, string)"/> would, without building the strings.</summary>
    internal int CompareEdgeKeys(int a, int b) => _edgeKeys.CompareIds(a, b);

    /// <summary>Ids held as strings because they are not of the canonical shape (or share a number with another id): entities, facts.</summary>
    internal (int Entities, int Facts) SideTableCounts => (_nodeIds.SideCount, _edgeKeys.SideCount);

    // Every path runs from the request's source to its target, and an id the index found is exactly the string asked
    // for, so the ends reuse those strings. The ids in between are numbers in tables too big for the cache: their
    // entries are all requested first, so the misses overlap instead of coming one per id.
    private FoundPath[] ToFoundPaths(IReadOnlyList<IndexPath> paths, string fromId, string toId)
    {
        foreach (var path in paths)
        {
            for (var i = 1; i < path.Nodes.Length - 1; i++)
            {
                _nodeIds.PrefetchIdOf(path.Nodes[i]);
            }

            foreach (var edge in path.Edges)
            {
                _edgeKeys.PrefetchIdOf(edge);
            }
        }

        var found = new FoundPath[paths.Count];
        for (var p = 0; p < found.Length; p++)
        {
            found[p] = ToFoundPath(paths[p], fromId, toId);
        }

        return found;
    }

    private FoundPath ToFoundPath(IndexPath path, string fromId, string toId)
    {
        var nodes = new string[path.Nodes.Length];
        nodes[0] = fromId;
        nodes[^1] = toId;
        for (var i = 1; i < nodes.Length - 1; i++)
        {
            nodes[i] = _nodeIds.IdOf(path.Nodes[i]);
        }

        var hops = new FoundHop[path.Edges.Length];
        for (var i = 0; i < hops.Length; i++)
        {
            hops[i] = new FoundHop(_edgeKeys.IdOf(path.Edges[i]), _edges[path.Edges[i]].Subject == path.Nodes[i]);
        }

        return new FoundPath(nodes, hops);
    }

    private int RequireNode(string id) =>
        _nodeIds.TryGet(id, out var node)
            ? node
            : throw new InvalidOperationException($"Fact endpoint '{id}' is not an indexed entity.");

    private void UpsertNode(string id, EntityKind kind) => SetKind(_nodeIds.GetOrAdd(id, _nodeCount, out var added), added, kind);

    private void SetKind(int node, bool added, EntityKind kind)
    {
        if (added)
        {
            if (_nodeCount == _kinds.Length)
            {
                var capacity = _kinds.Length * 2;
                Array.Resize(ref _kinds, capacity);
                Array.Resize(ref _overlay, capacity);
                Array.Resize(ref _overlayLength, capacity);
            }

            _nodeCount++;
        }

        _kinds[node] = (byte)kind;
    }

    private int InternEdge(string key) => TakeEdgeSlot(_edgeKeys.GetOrAdd(key, NextEdgeSlot(), out var added), added);

    private int InternEdge(ReadOnlySpan<byte> utf8Key) => TakeEdgeSlot(_edgeKeys.GetOrAdd(utf8Key, NextEdgeSlot(), out var added), added);

    // A freed slot first, so edge numbers stay dense; taken only if the key turns out to be new.
    private int NextEdgeSlot() => _freeEdges.TryPeek(out var free) ? free : _edgeCount;

    private int TakeEdgeSlot(int edge, bool added)
    {
        if (added)
        {
            if (_freeEdges.TryPeek(out var free) && free == edge)
            {
                _freeEdges.Pop();
            }
            else
            {
                if (_edgeCount == _edges.Length)
                {
                    Array.Resize(ref _edges, _edges.Length * 2);
                }

                _edgeCount++;
            }
        }

        return edge;
    }

    private void UpsertEdge(IndexedFact fact)
    {
        var subject = RequireNode(fact.SubjectId);
        var obj = RequireNode(fact.ObjectId);
        if (subject == obj)
        {
            return;
        }

        var edge = InternEdge(fact.FactKey);
        ref var current = ref _edges[edge];
        if (current.Alive && current.Subject == subject && current.Object == obj)
        {
            current = Edge.From(fact, subject, obj);
            return;
        }

        if (current.Alive)
        {
            Detach(current.Subject, edge);
            Detach(current.Object, edge);
            _liveEdgeCount--;
        }

        current = Edge.From(fact, subject, obj);
        Attach(subject, new Adjacent(obj, edge));
        Attach(obj, new Adjacent(subject, edge));
        _liveEdgeCount++;
    }

    // The key is already out of the dictionary; the slot goes to the next new fact.
    private void RemoveEdge(int edge)
    {
        Detach(_edges[edge].Subject, edge);
        Detach(_edges[edge].Object, edge);
        _edges[edge] = default;
        _freeEdges.Push(edge);
        _liveEdgeCount--;
    }

    private void Attach(int node, Adjacent adjacent)
    {
        var overlay = OverlayFor(node, 1);
        overlay[_overlayLength[node]++] = adjacent;
        _changesSinceBuild++;
    }

    private void Detach(int node, int edge)
    {
        ref readonly var e = ref _edges[edge];
        var at = Neighbours(node).IndexOf(new Adjacent(e.Subject == node ? e.Object : e.Subject, edge));
        if (at < 0)
        {
            return;
        }

        var overlay = OverlayFor(node, 0);
        var length = --_overlayLength[node];
        Array.Copy(overlay, at + 1, overlay, at, length - at);
        overlay[length] = default;
        _changesSinceBuild++;
    }

    // The node's overlay with room for `extra` more entries: on its first change a copy of its base
    // adjacency, and grown by half when full, so a run of additions to a hub costs O(1) each.
    private Adjacent[] OverlayFor(int node, int extra)
    {
        var overlay = _overlay[node];
        var current = Neighbours(node);
        if (overlay is not null && current.Length + extra <= overlay.Length)
        {
            return overlay;
        }

        var needed = current.Length + extra;
        var grown = new Adjacent[Math.Max(4, needed + (needed / 2))];
        current.CopyTo(grown);
        if (overlay is null)
        {
            _overlayNodes++;
            _overlayLength[node] = current.Length;
        }

        _overlayCapacity += grown.Length - (overlay?.Length ?? 0);
        _overlay[node] = grown;
        return grown;
    }

    private void RebuildCsr()
    {
        var (offsets, adjacency) = LayOutCsr();
        InstallCsr(offsets, adjacency);
    }

    // Reads the edges only, so searches may run meanwhile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int[] Offsets, Adjacent[] Adjacency) LayOutCsr()
    {
        var offsets = new int[_nodeCount + 1];
        for (var edge = 0; edge < _edgeCount; edge++)
        {
            if (_edges[edge].Alive)
            {
                offsets[_edges[edge].Subject + 1]++;
                offsets[_edges[edge].Object + 1]++;
            }
        }

        for (var node = 0; node < _nodeCount; node++)
        {
            offsets[node + 1] += offsets[node];
        }

        var adjacency = new Adjacent[offsets[_nodeCount]];
        var fill = offsets.AsSpan(0, _nodeCount).ToArray();
        for (var edge = 0; edge < _edgeCount; edge++)
        {
            ref readonly var e = ref _edges[edge];
            if (e.Alive)
            {
                adjacency[fill[e.Subject]++] = new Adjacent(e.Object, edge);
                adjacency[fill[e.Object]++] = new Adjacent(e.Subject, edge);
            }
        }

        return (offsets, adjacency);
    }

    private void InstallCsr(int[] offsets, Adjacent[] adjacency)
    {
        _offsets = offsets;
        _adjacency = adjacency;
        _baseNodeCount = _nodeCount;
        Array.Clear(_overlay);
        _overlayCapacity = 0;
        _changesSinceBuild = 0;
        _overlayNodes = 0;
    }

    /// <summary>One adjacency entry: the neighbour and the edge that leads to it.</summary>
    internal readonly record struct Adjacent(int Node, int Edge);

    /// <summary>A fact edge's attributes, 32 bytes, so a filter check touches one cache line.</summary>
    internal struct Edge
    {
        public long FirstReportedTicks;
        public int Subject;
        public int Object;
        public int DocCount;
        public float Confidence;
        public byte Type;
        public bool Alive;

        public static Edge From(IndexedFact fact, int subject, int obj) =>
            From(subject, obj, fact.Type, fact.Confidence, fact.DocCount, ReportedTicks(fact.FirstReported));

        public static Edge From(int subject, int obj, RelationType type, double confidence, int docCount, long firstReportedTicks) => new()
        {
            Subject = subject,
            Object = obj,
            Type = (byte)type,
            Confidence = (float)confidence,
            DocCount = docCount,
            FirstReportedTicks = firstReportedTicks,
            Alive = true,
        };

        /// <summary>UTC ticks, <see cref="long.MinValue"/> when unknown.</summary>
        public static long ReportedTicks(DateTimeOffset? reported) => reported?.UtcTicks ?? long.MinValue;
    }
}
