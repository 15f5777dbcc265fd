using System.Text.Json.Serialization;

namespace RelationGraph.Core.Model;

/// <summary>Typed fact edges. The wire name (e.g. <c>EMPLOYED_BY</c>) is also the Neo4j relationship type.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RelationType>))]
public enum RelationType
{
    /// <summary>Person → Organisation.</summary>
    [JsonStringEnumMemberName("EMPLOYED_BY")] EmployedBy,

    /// <summary>Person → Organisation, where a title marks the head.</summary>
    [JsonStringEnumMemberName("LEADS")] Leads,

    /// <summary>Person → Organisation.</summary>
    [JsonStringEnumMemberName("MEMBER_OF")] MemberOf,

    /// <summary>Person/Organisation → Organisation.</summary>
    [JsonStringEnumMemberName("OWNS")] Owns,

    /// <summary>Person/Organisation → Contract.</summary>
    [JsonStringEnumMemberName("PARTY_TO")] PartyTo,

    /// <summary>Contract → Organisation (the awarding or paying body).</summary>
    [JsonStringEnumMemberName("AWARDED_BY")] AwardedBy,

    /// <summary>Organisation → Organisation (contractor → customer, no single contract named).</summary>
    [JsonStringEnumMemberName("CONTRACTS_WITH")] ContractsWith,

    /// <summary>Person/Organisation → Person/Organisation.</summary>
    [JsonStringEnumMemberName("FUNDS")] Funds,

    /// <summary>Person/Organisation → Investigation.</summary>
    [JsonStringEnumMemberName("INVESTIGATES")] Investigates,

    /// <summary>Person/Organisation → Investigation.</summary>
    [JsonStringEnumMemberName("SUBJECT_OF")] SubjectOf,

    /// <summary>Symmetric, Person/Organisation ↔ Person/Organisation.</summary>
    [JsonStringEnumMemberName("COMMUNICATES_WITH")] CommunicatesWith,

    /// <summary>Symmetric, Person/Organisation ↔ Person/Organisation.</summary>
    [JsonStringEnumMemberName("ASSOCIATED_WITH")] AssociatedWith,
}

/// <summary>Wire names and properties of <see cref="RelationType"/>.</summary>
public static class RelationTypes
{
    private static readonly string[] WireNames =
    [
        "EMPLOYED_BY", "LEADS", "MEMBER_OF", "OWNS", "PARTY_TO", "AWARDED_BY", "CONTRACTS_WITH",
        "FUNDS", "INVESTIGATES", "SUBJECT_OF", "COMMUNICATES_WITH", "ASSOCIATED_WITH",
    ];

    /// <summary>All types in declaration order.</summary>
    public static IReadOnlyList<RelationType> All { get; } = Enum.GetValues<RelationType>();

    /// <summary>The upper-snake wire name, e.g. <c>EMPLOYED_BY</c>.</summary>
    public static string ToWireName(this RelationType type) => WireNames[(int)type];

    /// <summary>Parses a wire name (<c>EMPLOYED_BY</c>) or enum name (<c>EmployedBy</c>), case-insensitively.</summary>
    public static bool TryParse(string? value, out RelationType type)
    {
        var index = Array.FindIndex(WireNames, n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            type = (RelationType)index;
            return true;
        }

        return Enum.TryParse(value, ignoreCase: true, out type) && Enum.IsDefined(type);
    }

    /// <summary>Whether a fact of this type may join a subject and an object of these kinds (the directions DESIGN.md allows).</summary>
    public static bool Joins(this RelationType type, EntityKind subject, EntityKind obj) => type switch
    {
        RelationType.EmployedBy or RelationType.Leads or RelationType.MemberOf => subject == EntityKind.Person && obj == EntityKind.Organisation,
        RelationType.Owns => subject is EntityKind.Person or EntityKind.Organisation && obj == EntityKind.Organisation,
        RelationType.PartyTo => subject is EntityKind.Person or EntityKind.Organisation && obj == EntityKind.Contract,
        RelationType.AwardedBy => subject == EntityKind.Contract && obj == EntityKind.Organisation,
        RelationType.ContractsWith => subject == EntityKind.Organisation && obj == EntityKind.Organisation,
        RelationType.Investigates or RelationType.SubjectOf => subject is EntityKind.Person or EntityKind.Organisation && obj == EntityKind.Investigation,
        _ => subject is EntityKind.Person or EntityKind.Organisation && obj is EntityKind.Person or EntityKind.Organisation,
    };

    /// <summary>Symmetric types have no meaningful direction; their fact key orders the two ids.</summary>
    public static bool IsSymmetric(this RelationType type) =>
        type is RelationType.CommunicatesWith or RelationType.AssociatedWith;
}
