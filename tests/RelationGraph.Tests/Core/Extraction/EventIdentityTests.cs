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
    public void Extract_TwoContractsOfOneValueInOneDocument_AreTwoWhenTheirPurposesDiffer()
    {
        var graph = Extract("Northwind Logistics landed a $387 million body armour contract from the Ministry of Fisheries. " +
            "Separately, Kestrel Systems secured a $387 million dredging contract from the Ministry of Fisheries.");

        var contracts = graph.Entities.Where(e => e.Kind == EntityKind.Contract).ToList();
        Assert.Equal(2, contracts.Count);
        Assert.Contains(contracts, c => c.Name == "Ministry of Fisheries dredging contract ($387 million)");
        // each firm is party to its own contract only
        Assert.Equal(2, graph.Facts.Where(f => f.Type == RelationType.PartyTo).Select(f => f.ObjectId).Distinct().Count());
    }

    [Fact]
    public void Extract_TwoContractsOfOneValueInOneDocument_AreTwoWhenTheirWinnersDiffer()
    {
        var graph = Extract("The Ministry of Fisheries has awarded Northwind Logistics a contract worth $290 million to upgrade two plants. " +
            "Kestrel Systems secured a $290 million contract from the Ministry of Fisheries in May.");

        Assert.Equal(2, graph.Entities.Count(e => e.Kind == EntityKind.Contract));
    }

    [Fact]
    public void Extract_ALaterMentionThatNamesNoPurposeOrWinner_IsTheContractAlreadyNamed()
    {
        var graph = Extract("Northwind Logistics landed a $387 million dredging contract from the Ministry of Fisheries. " +
            "Critics said the $387 million contract from the Ministry of Fisheries was too generous.");

        var contract = Assert.Single(graph.Entities, e => e.Kind == EntityKind.Contract);
        Assert.Equal(StableId.Event(EntityKind.Contract, "Ministry of Fisheries contract ($387 million)",
            ["AWARDED_BY:ministry of fisheries", "PARTY_TO:northwind logistics"]), contract.Id);
    }

    [Fact]
    public void Extract_OneOfficeInvestigatingACompanyAndAPerson_GivesTwoInvestigations()
    {
        var company = InvestigationOf("The Office of Inspector General opened an investigation into Kestrel Systems in March.");
        var person = InvestigationOf("The Office of Inspector General opened an investigation into Bethany Redfern in March.");

        Assert.NotEqual(company.Id, person.Id);
    }

    private static ExtractedEntity ContractOf(string text) => Single(text, EntityKind.Contract);

    private static DocumentGraph Extract(string text) =>
        new RuleBasedExtractor().Extract(SourceDocument.Create("docs/" + text.GetHashCode().ToString("x") + ".txt", text));

    private static ExtractedEntity InvestigationOf(string text) => Single(text, EntityKind.Investigation);

    private static ExtractedEntity Single(string text, EntityKind kind) =>
        Assert.Single(new RuleBasedExtractor().Extract(SourceDocument.Create("docs/" + text.GetHashCode().ToString("x") + ".txt", text)).Entities, e => e.Kind == kind);
}
