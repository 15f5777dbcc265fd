using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Extraction;

/// <summary>Contracts and investigations are identified by their parties, not by awarder and value alone.</summary>
public sealed class EventIdentityTests
{
    [Fact]
    public void Extract_TwoContractsOfOneAgencyWithTheSameValue_AreTwoNodesWhenTheirFirmsDiffer()
    {
        var fuel = ContractOf("The Department of Energy awarded Northwind Logistics a $3.4 billion contract to supply fuel, officials said.");
        var boats = ContractOf("The Department of Energy awarded Kestrel Systems a $3.4 billion contract to build patrol boats, officials said.");
        var fuelAgain = ContractOf("Northwind Logistics won a $3.4 billion contract from the Department of Energy, the firm said on Monday.");

        Assert.Equal(fuel.Name, boats.Name);
        Assert.NotEqual(fuel.Id, boats.Id);
        Assert.Equal(fuel.Id, fuelAgain.Id);
    }

    [Fact]
    public void Extract_OneOfficeInvestigatingACompanyAndAPerson_GivesTwoInvestigations()
    {
        var company = InvestigationOf("The Office of Inspector General opened an investigation into Kestrel Systems in March.");
        var person = InvestigationOf("The Office of Inspector General opened an investigation into Bethany Redfern in March.");

        Assert.NotEqual(company.Id, person.Id);
    }

    private static ExtractedEntity ContractOf(string text) => Single(text, EntityKind.Contract);

    private static ExtractedEntity InvestigationOf(string text) => Single(text, EntityKind.Investigation);

    private static ExtractedEntity Single(string text, EntityKind kind) =>
        Assert.Single(new RuleBasedExtractor().Extract(SourceDocument.Create("docs/" + text.GetHashCode().ToString("x") + ".txt", text)).Entities, e => e.Kind == kind);
}
