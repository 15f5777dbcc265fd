namespace RelationGraph.Core.PathIndexing;

/// <summary>A path as interned node and edge numbers, with the evidence totals the ranking uses.</summary>
internal sealed class IndexPath
{
    private IndexPath(int[] nodes, int[] edges, long documentSum, double confidenceProduct)
    {
        Nodes = nodes;
        Edges = edges;
        DocumentSum = documentSum;
        ConfidenceProduct = confidenceProduct;
    }

    public int[] Nodes { get; }

    public int[] Edges { get; }

    public int Length => Edges.Length;

    /// <summary>Sum over hops of the documents supporting each fact.</summary>
    public long DocumentSum { get; }

    /// <summary>Product of the hops' confidences: the chance every hop holds if they were independent.</summary>
    public double ConfidenceProduct { get; }

    public static IndexPath Create(ReadOnlySpan<int> nodes, ReadOnlySpan<int> edges, PathIndex index)
    {
        long documents = 0;
        var confidence = 1.0;
        foreach (var edge in edges)
        {
            ref readonly var attributes = ref index.EdgeAt(edge);
            documents += attributes.DocCount;
            confidence *= attributes.Confidence;
        }

        return new IndexPath(nodes.ToArray(), edges.ToArray(), documents, confidence);
    }

    /// <summary>True when both paths have the same first <paramref name="hops"/> hops.</summary>
    public bool SharesRoot(IndexPath other, int hops) =>
        Nodes.AsSpan(0, hops + 1).SequenceEqual(other.Nodes.AsSpan(0, hops + 1))
        && Edges.AsSpan(0, hops).SequenceEqual(other.Edges.AsSpan(0, hops));

    /// <summary>This path's first <paramref name="hops"/> hops followed by <paramref name="spur"/>, which starts where they end.</summary>
    public IndexPath Join(int hops, IndexPath spur, PathIndex index)
    {
        var nodes = new int[hops + spur.Nodes.Length];
        Nodes.AsSpan(0, hops).CopyTo(nodes);
        spur.Nodes.CopyTo(nodes.AsSpan(hops));
        var edges = new int[hops + spur.Edges.Length];
        Edges.AsSpan(0, hops).CopyTo(edges);
        spur.Edges.CopyTo(edges.AsSpan(hops));
        return Create(nodes, edges, index);
    }
}

/// <summary>Paths from one source are equal when they walk the same edges.</summary>
internal sealed class IndexPathEdgesComparer : IEqualityComparer<IndexPath>
{
    public static IndexPathEdgesComparer Instance { get; } = new();

    public bool Equals(IndexPath? x, IndexPath? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Nodes[0] == y.Nodes[0] && x.Edges.AsSpan().SequenceEqual(y.Edges));

    public int GetHashCode(IndexPath obj)
    {
        var hash = new HashCode();
        hash.Add(obj.Nodes[0]);
        foreach (var edge in obj.Edges)
        {
            hash.Add(edge);
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// Shorter first; among equals, more supporting documents, then higher confidence, then entity ids and
/// fact keys in ordinal order, so the order does not depend on how the index was built.
/// </summary>
internal sealed class PathRanking(PathIndex index) : IComparer<IndexPath>
{
    public int Compare(IndexPath? x, IndexPath? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var order = x.Length.CompareTo(y.Length);
        if (order == 0)
        {
            order = y.DocumentSum.CompareTo(x.DocumentSum);
        }

        if (order == 0)
        {
            order = y.ConfidenceProduct.CompareTo(x.ConfidenceProduct);
        }

        for (var i = 0; order == 0 && i < x.Nodes.Length; i++)
        {
            order = index.CompareNodeIds(x.Nodes[i], y.Nodes[i]);
        }

        for (var i = 0; order == 0 && i < x.Edges.Length; i++)
        {
            order = index.CompareEdgeKeys(x.Edges[i], y.Edges[i]);
        }

        return order;
    }
}
