using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core;

public sealed class StableIdTests
{
    [Theory]
    [InlineData("The Pentagon's", "pentagon")]
    [InlineData("U.S. Air Force", "u s air force")]
    [InlineData("  Jane   O\u2019Neil ", "jane o neil")]
    [InlineData("$1.8 billion", "$1.8 billion")]
    public void Normalise_VariantsOfAName_GiveOneKey(string name, string expected)
    {
        Assert.Equal(expected, NameKey.Normalise(name));
    }

    [Fact]
    public void Entity_SameNameDifferentCase_SameId()
    {
        Assert.Equal(StableId.Entity(EntityKind.Person, "Jane Doe"), StableId.Entity(EntityKind.Person, "JANE DOE"));
        Assert.NotEqual(StableId.Entity(EntityKind.Person, "Jane Doe"), StableId.Entity(EntityKind.Organisation, "Jane Doe"));
        Assert.StartsWith("per_", StableId.Entity(EntityKind.Person, "Jane Doe"), StringComparison.Ordinal);
    }

    [Fact]
    public void Fact_SymmetricType_IgnoresDirection_DirectedTypeDoesNot()
    {
        Assert.Equal(
            StableId.Fact(RelationType.AssociatedWith, "per_a", "per_b"),
            StableId.Fact(RelationType.AssociatedWith, "per_b", "per_a"));
        Assert.NotEqual(
            StableId.Fact(RelationType.EmployedBy, "per_a", "org_b"),
            StableId.Fact(RelationType.EmployedBy, "org_b", "per_a"));
    }

    [Theory]
    [InlineData("doc_3f2a9c0d1e2b4a5f", true)]
    [InlineData("doc_3F2A9C0D1E2B4A5F", false)]
    [InlineData("doc_3f2a9c0d1e2b4a5", false)]
    [InlineData("doc_3f2a9c0d1e2b4a5fa", false)]
    [InlineData("per_3f2a9c0d1e2b4a5f", false)]
    [InlineData("doc_3f2a9c0d1e2b4a5g", false)]
    [InlineData("", false)]
    public void IsDocumentId_TheShapeOfADocumentId(string value, bool expected)
    {
        Assert.Equal(expected, StableId.IsDocumentId(value));
        Assert.True(StableId.IsDocumentId(StableId.Document("corpus/" + value)));
    }
}
