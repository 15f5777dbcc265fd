using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Extraction;

public sealed class ResolutionTests
{
    private static readonly RuleBasedExtractor Extractor = new();

    private static DocumentGraph Extract(string text, string source = "docs/test.txt") =>
        Extractor.Extract(SourceDocument.Create(source, text));

    [Fact]
    public void Extract_SurnameOnlyMention_JoinsFullName()
    {
        var batch = Extract("Margaret Holloway chairs the Harbour Authority. Later, Holloway said the audit was routine.");

        var person = Assert.Single(batch.Entities, e => e.Kind == EntityKind.Person);
        Assert.Equal("Margaret Holloway", person.Name);
        Assert.Contains("Holloway", person.Aliases);
        Assert.Equal(2, batch.Mentions.Count(m => m.EntityId == person.Id));
    }

    [Fact]
    public void Extract_TwoPeopleSharingASurname_AreNotMerged()
    {
        var batch = Extract("Daniel Okafor runs a bakery. His sister Grace Okafor works at the Lagos Port Authority. Okafor declined to comment.");

        var people = batch.Entities.Where(e => e.Kind == EntityKind.Person).Select(e => e.Name).ToList();
        Assert.Contains("Daniel Okafor", people);
        Assert.Contains("Grace Okafor", people);
        Assert.DoesNotContain("Okafor", people);
    }

    [Fact]
    public void Extract_AcronymAfterExpansion_JoinsOneOrganisation()
    {
        var batch = Extract("The National Widget Safety Board (NWSB) opened a review. The NWSB said it would report in May.");

        var org = Assert.Single(batch.Entities, e => e.Kind == EntityKind.Organisation);
        Assert.Equal("National Widget Safety Board", org.Name);
        Assert.Contains("NWSB", org.Aliases);
    }

    [Fact]
    public void Extract_NicknameTiedByText_JoinsPerson()
    {
        var batch = Extract("Rosalind Fairweather, known as Roz, ran the fund for a decade. Roz later joined Northwind Capital.");

        var person = Assert.Single(batch.Entities, e => e.Kind == EntityKind.Person);
        Assert.Equal("Rosalind Fairweather", person.Name);
        Assert.Contains("Roz", person.Aliases);
    }

    [Fact]
    public void Extract_SamePersonInTwoDocuments_HasOneId()
    {
        var first = Extract("Analyst Priya Raman joined Bellweather Group in 2019.", "docs/a.txt");
        var second = Extract("Priya Raman, a Bellweather Group analyst, left the firm.", "docs/b.txt");

        var a = Assert.Single(first.Entities, e => e.Kind == EntityKind.Person);
        var b = Assert.Single(second.Entities, e => e.Kind == EntityKind.Person);
        Assert.Equal(a.Id, b.Id);
    }

    [Fact]
    public void Extract_FirstNameOnlyMention_JoinsFullName()
    {
        var batch = Extract("Tobias Wendt founded Wendt Logistics Ltd. Everyone calls him a workaholic, but Tobias disagrees.");

        var person = Assert.Single(batch.Entities, e => e.Kind == EntityKind.Person);
        Assert.Contains("Tobias", person.Aliases);
    }
}
