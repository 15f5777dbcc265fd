using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Extraction;

/// <summary>Newswire copy: its furniture is not entities, its usual phrasings of roles and ties are facts, and a vague subject is not guessed.</summary>
public sealed class NewsRegisterTests
{
    [Theory]
    [InlineData("CARROW, July 13 (Harbour Wire) — Goodfellow Systems won a $599 million contract from the Federal Roads Office.")]
    [InlineData("WASHINGTON (Reuters) - Goodfellow Systems won a $599 million contract from the Federal Roads Office.")]
    public void Extract_Dateline_IsNeitherAnOrganisationNorAPerson(string text)
    {
        var graph = Extract(text);

        Assert.DoesNotContain(graph.Entities, e => e.Name is "CARROW" or "WASHINGTON" or "Harbour Wire" or "Reuters");
        Assert.Contains(graph.Facts, f => f.Type == RelationType.PartyTo && Name(graph, f.SubjectId) == "Goodfellow Systems");
    }

    [Fact]
    public void Extract_Byline_KeepsThePersonWithoutBy()
    {
        var graph = Extract("Ministry reviews port deal\nBy Tobias M. Ellsworth\n\nThe Ministry of Ports reviewed the deal on Monday.");

        Assert.Contains(graph.Entities, e => e.Kind == EntityKind.Person && e.Name == "Tobias M. Ellsworth");
    }

    [Theory]
    [InlineData("Chiara Rossi took over as chief executive of Brackane Fuels in 2021.", RelationType.Leads, "Chiara Rossi", "Brackane Fuels")]
    [InlineData("Lumhaven Analytics named Maria Petrovic as its chairman in September.", RelationType.Leads, "Maria Petrovic", "Lumhaven Analytics")]
    [InlineData("Lorna Waketon, who works for Ashwick Labs, declined to comment.", RelationType.EmployedBy, "Lorna Waketon", "Ashwick Labs")]
    [InlineData("Zoe Lukas, an adviser to Meridian Arc Holdings, attended the meeting.", RelationType.EmployedBy, "Zoe Lukas", "Meridian Arc Holdings")]
    [InlineData("Marlriel Defense Systems has done business with the Ambrel Air Command for years.", RelationType.ContractsWith, "Marlriel Defense Systems", "Ambrel Air Command")]
    [InlineData("Redwater Energy is owned by Halvorsen Capital, according to filings.", RelationType.Owns, "Halvorsen Capital", "Redwater Energy")]
    [InlineData("Halvorsen Capital owns a 40 percent stake in Bluefjord Analytics.", RelationType.Owns, "Halvorsen Capital", "Bluefjord Analytics")]
    [InlineData("Westerly Capital is a subsidiary of Oakhaven Holdings.", RelationType.Owns, "Oakhaven Holdings", "Westerly Capital")]
    [InlineData("Filings showed that Dario Fenwick owned a Panamanian company named Lorvex Trading Limited.", RelationType.Owns, "Dario Fenwick", "Lorvex Trading Limited")]
    [InlineData("Karen Valbrook spent 9 years at Kestly Energy before leaving in 2024.", RelationType.EmployedBy, "Karen Valbrook", "Kestly Energy")]
    [InlineData("Harold R. Blackmoor resigned from Pinelode Telecom in 2024.", RelationType.EmployedBy, "Harold R. Blackmoor", "Pinelode Telecom")]
    [InlineData("Before 2018, Oona Trevelyan worked as head of procurement at Ashharbor Fuels.", RelationType.EmployedBy, "Oona Trevelyan", "Ashharbor Fuels")]
    [InlineData("Ida Vickerstaff, a former vice president for government contracts at Marlucid Engineering, said it was fair.", RelationType.EmployedBy, "Ida Vickerstaff", "Marlucid Engineering")]
    [InlineData("Lydia Radcombe, who once worked for the Ports Authority, said the schedule had slipped.", RelationType.EmployedBy, "Lydia Radcombe", "Ports Authority")]
    [InlineData("Helena Pemworth, the procurement chief at the State Ports Administration, said no rules had been broken.", RelationType.EmployedBy, "Helena Pemworth", "State Ports Administration")]
    public void Extract_CommonNewsPhrasing_GivesTheFact(string text, RelationType type, string subject, string obj)
    {
        var graph = Extract(text);

        Assert.Contains(graph.Facts, f => f.Type == type && Name(graph, f.SubjectId) == subject && Name(graph, f.ObjectId) == obj);
    }

    [Fact]
    public void Extract_ProcurementChief_IsStaffNotTheHead()
    {
        var graph = Extract("Helena Pemworth, the procurement chief at the State Ports Administration, said no rules had been broken.");

        Assert.DoesNotContain(graph.Facts, f => f.Type == RelationType.Leads);
    }

    [Fact]
    public void Extract_ContractSignedWithAFirm_IsTheContractNotAlsoContractsWith()
    {
        var graph = Extract("The Mining Authority signed a $593 million cleaning contract with Ironora Construction to clean its offices.");

        Assert.DoesNotContain(graph.Facts, f => f.Type == RelationType.ContractsWith);
        Assert.Contains(graph.Facts, f => f.Type == RelationType.PartyTo && Name(graph, f.SubjectId) == "Ironora Construction");
    }

    [Fact]
    public void Extract_TheFirmAfterTwoFirmsInOneSentence_IsNotGuessed()
    {
        var graph = Extract("Northwind Logistics agreed a deal with Kestrel Systems on Monday. The firm also funds the Ironvale Institute.");

        Assert.DoesNotContain(graph.Facts, f => f.Type == RelationType.Funds);
    }

    [Fact]
    public void Extract_TheFirmWithOneFirmInSight_IsThatFirm()
    {
        var graph = Extract("Northwind Logistics opened a plant on Monday. The firm also funds the Ironvale Institute.");

        Assert.Contains(graph.Facts, f => f.Type == RelationType.Funds && Name(graph, f.SubjectId) == "Northwind Logistics");
    }

    private static string Name(DocumentGraph graph, string id) => graph.Entities.Single(e => e.Id == id).Name;

    private static DocumentGraph Extract(string text) =>
        new RuleBasedExtractor().Extract(SourceDocument.Create("docs/news.txt", text));
}
