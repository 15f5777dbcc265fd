namespace RelationGraph.Core.Model;

/// <summary>The four kinds of domain node. The name is also the Neo4j label.</summary>
public enum EntityKind
{
    /// <summary>A named real individual.</summary>
    Person,

    /// <summary>A company, agency, office, committee, military service or caucus.</summary>
    Organisation,

    /// <summary>One identifiable contract, deal or award.</summary>
    Contract,

    /// <summary>One inquiry, probe, audit, review or investigation, requested ones included.</summary>
    Investigation,
}

/// <summary>Short id prefixes per kind, so an id tells its kind at a glance.</summary>
public static class EntityKinds
{
    /// <summary>All kinds in declaration order.</summary>
    public static IReadOnlyList<EntityKind> All { get; } = Enum.GetValues<EntityKind>();

    /// <summary>The id prefix of a kind, e.g. <c>per</c>.</summary>
    public static string Prefix(EntityKind kind) => kind switch
    {
        EntityKind.Person => "per",
        EntityKind.Organisation => "org",
        EntityKind.Contract => "con",
        EntityKind.Investigation => "inv",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses a kind name case-insensitively ("person", "Organisation", "organization").</summary>
    public static bool TryParse(string? value, out EntityKind kind)
    {
        if (string.Equals(value, "organization", StringComparison.OrdinalIgnoreCase))
        {
            kind = EntityKind.Organisation;
            return true;
        }

        return Enum.TryParse(value, ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }
}
