using System.Globalization;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>A Cypher-level error the fake answers with, in the Query API's error shape.</summary>
internal sealed class FakeCypherException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

internal sealed class FakeNode(long key)
{
    public long Key { get; } = key;

    public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Props { get; } = new(StringComparer.Ordinal);

    public string? Id => Props.GetValueOrDefault("id") as string;

    public object? this[string property] => Props.GetValueOrDefault(property);
}

internal sealed class FakeRelationship(long key, string type, FakeNode start, FakeNode end)
{
    public long Key { get; } = key;

    public string Type { get; } = type;

    public FakeNode Start { get; } = start;

    public FakeNode End { get; } = end;

    public Dictionary<string, object?> Props { get; } = new(StringComparer.Ordinal);

    public object? this[string property] => Props.GetValueOrDefault(property);

    public FakeNode Other(FakeNode node) => ReferenceEquals(node, Start) ? End : Start;
}

/// <summary>
/// An in-memory property graph with Neo4j's property rules: only scalars and homogeneous lists of scalars
/// without nulls can be stored; a null removes the property.
/// </summary>
internal sealed class FakeGraph
{
    private long _nextKey = 1;

    public List<FakeNode> Nodes { get; } = [];

    public List<FakeRelationship> Relationships { get; } = [];

    /// <summary>The text of the statement being run, for models that read their statement's shape.</summary>
    public string CurrentStatement { get; set; } = "";

    /// <summary>Relationships the running statement read while expanding from nodes.</summary>
    public long RelationshipReads { get; private set; }

    /// <summary>Nodes the running statement read by scanning a label (no index could answer).</summary>
    public long NodesScanned { get; private set; }

    /// <summary>The deepest hop a path walk of the running statement expanded.</summary>
    public int DeepestHop { get; private set; }

    /// <summary>Mention and evidence nodes the running statement read.</summary>
    public long ProvenanceReads { get; private set; }

    public void ResetCounters()
    {
        RelationshipReads = 0;
        NodesScanned = 0;
        DeepestHop = 0;
        ProvenanceReads = 0;
    }

    /// <summary>Counts each mention or evidence node of <paramref name="nodes"/> as read when it is enumerated.</summary>
    public IEnumerable<T> ReadingProvenance<T>(IEnumerable<T> nodes)
    {
        foreach (var node in nodes)
        {
            ProvenanceReads++;
            yield return node;
        }
    }

    /// <summary>
    /// The relationships of <paramref name="node"/> a pattern reads: only those of <paramref name="types"/> when the
    /// pattern names types (Neo4j keeps a node's relationships by type), every one of them when it does not.
    /// </summary>
    public IEnumerable<FakeRelationship> Expand(FakeNode node, IReadOnlyCollection<string>? types)
    {
        foreach (var r in Relationships.Where(r => r.Start == node || r.End == node).ToList())
        {
            if (types is null || types.Contains(r.Type))
            {
                RelationshipReads++;
                yield return r;
            }
        }
    }

    /// <summary>Every node with a label, read one by one: what a query does when no index answers its predicate.</summary>
    public IEnumerable<FakeNode> ScanLabel(string label)
    {
        foreach (var node in WithLabel(label).ToList())
        {
            NodesScanned++;
            yield return node;
        }
    }

    /// <summary>Relationships an index seek returned: only those are read.</summary>
    public void ReadFromIndex(int relationships) => RelationshipReads += relationships;

    public void Reached(int hop) => DeepestHop = Math.Max(DeepestHop, hop);

    public FakeGraph Clone()
    {
        var copy = new FakeGraph { _nextKey = _nextKey };
        var map = new Dictionary<FakeNode, FakeNode>();
        foreach (var node in Nodes)
        {
            var n = new FakeNode(node.Key);
            n.Labels.UnionWith(node.Labels);
            foreach (var (k, v) in node.Props)
            {
                n.Props[k] = v;
            }

            map[node] = n;
            copy.Nodes.Add(n);
        }

        foreach (var rel in Relationships)
        {
            var r = new FakeRelationship(rel.Key, rel.Type, map[rel.Start], map[rel.End]);
            foreach (var (k, v) in rel.Props)
            {
                r.Props[k] = v;
            }

            copy.Relationships.Add(r);
        }

        return copy;
    }

    public IEnumerable<FakeNode> WithLabel(string label) => Nodes.Where(n => n.Labels.Contains(label));

    public FakeNode? Find(string label, string id) => WithLabel(label).FirstOrDefault(n => n.Id == id);

    public FakeNode Merge(string label, string id, out bool created)
    {
        var node = Find(label, id);
        created = node is null;
        if (node is null)
        {
            node = new FakeNode(_nextKey++);
            node.Labels.Add(label);
            node.Props["id"] = id;
            Nodes.Add(node);
        }

        return node;
    }

    public FakeNode CreateNode(string label)
    {
        var node = new FakeNode(_nextKey++);
        node.Labels.Add(label);
        Nodes.Add(node);
        return node;
    }

    public FakeRelationship MergeRelationship(FakeNode start, string type, FakeNode end, string? factKey = null)
    {
        var existing = Relationships.FirstOrDefault(r => r.Start == start && r.End == end && r.Type == type
            && (factKey is null || Equals(r["factKey"], factKey)));
        if (existing is not null)
        {
            return existing;
        }

        var rel = new FakeRelationship(_nextKey++, type, start, end);
        if (factKey is not null)
        {
            rel.Props["factKey"] = factKey;
        }

        Relationships.Add(rel);
        return rel;
    }

    public IEnumerable<FakeRelationship> Outgoing(FakeNode node, params string[] types) =>
        Relationships.Where(r => r.Start == node && (types.Length == 0 || types.Contains(r.Type)));

    public IEnumerable<FakeRelationship> Incoming(FakeNode node, params string[] types) =>
        Relationships.Where(r => r.End == node && (types.Length == 0 || types.Contains(r.Type)));

    /// <summary>Relationships between two entities: the fact edges.</summary>
    public IEnumerable<FakeRelationship> Facts => Relationships.Where(r => r.Start.Labels.Contains("Entity") && r.End.Labels.Contains("Entity"));

    public void DetachDelete(FakeNode node)
    {
        Relationships.RemoveAll(r => r.Start == node || r.End == node);
        Nodes.Remove(node);
    }

    public static void Set(Dictionary<string, object?> props, string key, object? value)
    {
        if (value is null)
        {
            props.Remove(key);
            return;
        }

        CheckProperty(key, value);
        props[key] = value is List<object?> list ? list.ToList() : value;
    }

    public static void SetAll(Dictionary<string, object?> props, object? map)
    {
        if (map is not Dictionary<string, object?> values)
        {
            throw new FakeCypherException("Neo.ClientError.Statement.TypeError", "Expected a map for SET +=, got " + Describe(map));
        }

        foreach (var (k, v) in values)
        {
            Set(props, k, v);
        }
    }

    // Neo4j: "Property values can only be of primitive types or arrays thereof".
    private static void CheckProperty(string key, object value)
    {
        switch (value)
        {
            case string or long or double or bool:
                return;
            case List<object?> list:
                if (list.Any(v => v is null))
                {
                    throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Collections containing null values can not be stored in properties (property '{key}').");
                }

                if (list.Any(v => v is List<object?> or Dictionary<string, object?>))
                {
                    throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Property values can only be of primitive types or arrays thereof. Encountered: {Describe(value)} (property '{key}').");
                }

                if (list.Select(v => v!.GetType()).Distinct().Count() > 1)
                {
                    throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Neo4j only supports a subset of Cypher types for storage as singleton or array properties; mixed lists cannot be stored (property '{key}').");
                }

                return;
            default:
                throw new FakeCypherException("Neo.ClientError.Statement.TypeError", $"Property values can only be of primitive types or arrays thereof. Encountered: {Describe(value)} (property '{key}').");
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "NO_VALUE",
        Dictionary<string, object?> map => "Map{" + string.Join(", ", map.Keys) + "}",
        List<object?> list => "List(" + list.Count.ToString(CultureInfo.InvariantCulture) + ")",
        _ => value.GetType().Name,
    };
}
