using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Extraction;

/// <summary>Names with particles, lower-case articles and non-English letters are kept whole and joined to their short forms.</summary>
public sealed class NameFormsTests
{
    [Theory]
    [InlineData("Esther de Groot, the chief executive of Northwind Logistics, said the company would appeal.", "Esther de Groot")]
    [InlineData("Pieter van der Berg, a director of Bluefjord Capital, met the board.", "Pieter van der Berg")]
    [InlineData("Ahmed al-Rashid, the finance minister, signed the agreement with Redwater Energy.", "Ahmed al-Rashid")]
    [InlineData("Zoë Łukasiewicz, an adviser to Meridian Arc Holdings, attended the meeting.", "Zoë Łukasiewicz")]
    public void Extract_NameWithParticleOrDiacritics_IsOnePersonWithItsWholeName(string text, string name)
    {
        var people = Extract(text).Entities.Where(e => e.Kind == EntityKind.Person).Select(e => e.Name);

        Assert.Equal([name], people);
    }

    [Fact]
    public void Extract_FamilyNameWithItsParticleLater_JoinsTheFullName()
    {
        var graph = Extract("Clodagh Ó Briain, a spokeswoman for the Coastal Defence Agency, declined to comment. Ó Briain said the agency would respond. "
            + "Esther de Groot chairs Northwind Logistics. De Groot said little.");

        var people = graph.Entities.Where(e => e.Kind == EntityKind.Person).ToList();
        Assert.Equal(["Clodagh Ó Briain", "Esther de Groot"], people.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("Ó Briain", people.Single(p => p.Name == "Clodagh Ó Briain").Aliases);
    }

    [Theory]
    [InlineData("Corrie ten Boom", "Ten Boom")]
    [InlineData("Aoife Ní Bhriain", "Ní Bhriain")]
    [InlineData("Ronan St Clair", "St Clair")]
    public void Extract_FamilyNameWithAnyParticleLater_JoinsTheFullName(string name, string family)
    {
        var graph = Extract($"{name}, a lawyer, met officials in Paris on Monday. {family} said the talks went well.");

        var person = Assert.Single(graph.Entities, e => e.Kind == EntityKind.Person);
        Assert.Equal(name, person.Name);
        Assert.Contains(family, person.Aliases);
    }

    [Fact]
    public void Extract_PersonSaidTheReview_IsNotAnInvestigationByThem()
    {
        var graph = Extract("Clodagh Ó Briain works for the Coastal Defence Agency. Ó Briain said the review would take months.");

        Assert.DoesNotContain(graph.Facts, f => f.Type == RelationType.Investigates);
    }

    private static DocumentGraph Extract(string text) =>
        new RuleBasedExtractor().Extract(SourceDocument.Create("docs/names.txt", text));
}
