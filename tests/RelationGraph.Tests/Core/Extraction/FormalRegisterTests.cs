using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Extraction;

/// <summary>
/// The formal register of press releases and oversight notices: names with initials, title-case headlines,
/// laws and places, officials named with their title and office, and "the case was investigated by" lines.
/// Names here are invented.
/// </summary>
public sealed class FormalRegisterTests
{
    private static readonly RuleBasedExtractor Extractor = new();

    private static DocumentGraph Extract(string text) => Extractor.Extract(SourceDocument.Create("docs/release.txt", text));

    private static ExtractedEntity Entity(DocumentGraph batch, string name) =>
        Assert.Single(batch.Entities, e => e.Name == name);

    private static List<string> Names(DocumentGraph batch, EntityKind kind) =>
        [.. batch.Entities.Where(e => e.Kind == kind).Select(e => e.Name)];

    private static bool HasFact(DocumentGraph batch, RelationType type, string subject, string obj) =>
        batch.Facts.Any(f => f.Type == type && f.SubjectId == Entity(batch, subject).Id && f.ObjectId == Entity(batch, obj).Id);

    // Names as extracted may drop a final abbreviation dot ("Quillon Systems Inc"), so facts are looked up by the name's start.
    private static bool HasFactStarting(DocumentGraph batch, RelationType type, string subject, string obj) =>
        batch.Facts.Any(f => f.Type == type
            && batch.Entities.Single(e => e.Id == f.SubjectId).Name.StartsWith(subject, StringComparison.Ordinal)
            && batch.Entities.Single(e => e.Id == f.ObjectId).Name.StartsWith(obj, StringComparison.Ordinal));

    [Fact]
    public void Extract_MiddleInitial_KeepsTheWholeName()
    {
        var batch = Extract("WASHINGTON — Marlowe T. Quennell of Dayton, Ohio, was sentenced today. R. Ansel Brightwater said so.");

        var people = Names(batch, EntityKind.Person);
        Assert.Contains("Marlowe T. Quennell", people);
        Assert.Contains("R. Ansel Brightwater", people);
        Assert.DoesNotContain("Marlowe T", people);
    }

    [Fact]
    public void Extract_TitleCaseHeadline_MakesNoEntitiesOfItsWords()
    {
        var batch = Extract("Former Harbor Supply Employee Sentenced to Four Years for Fraud Scheme and Illegal Proceeds\n\n"
            + "A former employee of Harbor Supply Corp. was sentenced today, the department announced.");

        var names = batch.Entities.Select(e => e.Name).ToList();
        Assert.DoesNotContain(names, n => n.Contains("Fraud Scheme", StringComparison.Ordinal) || n.Contains("Four Years", StringComparison.Ordinal)
            || n.Contains("Illegal Proceeds", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Harbor Supply Corp", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_LawsAndPlaces_AreNoEntities()
    {
        var batch = Extract("The company violated the False Claims Act and the Widget Export Control Act in Orange County and on Lynn Street, "
            + "according to the Southern District of Florida filing.");

        Assert.DoesNotContain(batch.Entities, e => e.Kind is EntityKind.Person or EntityKind.Organisation);
    }

    [Fact]
    public void Extract_TitleNameOfOffice_IsAPersonEmployedByTheOfficeAndItsParent()
    {
        var batch = Extract("The plea was announced by Acting Assistant Attorney General Corwin J. Adebayo of the Civil Division. "
            + "The case was prosecuted by Senior Trial Attorney Idris Vandermolen and Deputy Chief Solveig Arkwright of the Criminal Division’s Fraud Section.");

        Assert.Contains("Corwin J. Adebayo", Names(batch, EntityKind.Person));
        Assert.Contains("Civil Division", Names(batch, EntityKind.Organisation));
        Assert.True(HasFact(batch, RelationType.EmployedBy, "Corwin J. Adebayo", "Civil Division"));
        Assert.False(HasFact(batch, RelationType.Leads, "Corwin J. Adebayo", "Civil Division"));
        foreach (var person in new[] { "Idris Vandermolen", "Solveig Arkwright" })
        {
            Assert.True(HasFact(batch, RelationType.EmployedBy, person, "Fraud Section"), person);
            Assert.True(HasFact(batch, RelationType.EmployedBy, person, "Criminal Division"), person);
        }
    }

    [Fact]
    public void Extract_Fact_RecordsTheRuleThatFoundIt()
    {
        var batch = Extract("Tobiah Renwick, Chief Executive Officer of Quillon Systems Inc., declined to comment.");

        var fact = Assert.Single(batch.Facts, f => f.Type == RelationType.Leads);
        var evidence = Assert.Single(batch.Evidence, e => e.FactKey == fact.FactKey);
        Assert.StartsWith(RuleBasedExtractor.ExtractorName + "/", evidence.Extractor, StringComparison.Ordinal);
        Assert.True(evidence.Extractor.Length > RuleBasedExtractor.ExtractorName.Length + 1);
    }

    [Fact]
    public void Extract_CaseInvestigatedBy_MakesOneInvestigationWithEveryInvestigatorAndTheDefendant()
    {
        var batch = Extract("Dorrance Pipe Company pleaded guilty today to one count of fraud. "
            + "The case was investigated by the Federal Bureau of Investigation, the Defense Contract Audit Agency and the Veterans Affairs Office of Inspector General.");

        var investigation = Assert.Single(batch.Entities, e => e.Kind == EntityKind.Investigation);
        var investigators = batch.Facts.Where(f => f.Type == RelationType.Investigates && f.ObjectId == investigation.Id)
            .Select(f => batch.Entities.Single(e => e.Id == f.SubjectId).Name).ToList();
        Assert.Equal(3, investigators.Count);
        Assert.Contains("Defense Contract Audit Agency", investigators);
        Assert.Contains(batch.Facts, f => f.Type == RelationType.SubjectOf && f.ObjectId == investigation.Id
            && batch.Entities.Single(e => e.Id == f.SubjectId).Name.StartsWith("Dorrance Pipe", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_AcronymDefinedAsAContractType_IsNoOrganisation()
    {
        var batch = Extract("Quillon Systems Inc. won an indefinite-delivery, indefinite-quantity (IDIQ) award. The IDIQ runs five years. "
            + "The Internal Widget Service (IWS) approved it, and the IWS said so.");

        var organisations = Names(batch, EntityKind.Organisation);
        Assert.DoesNotContain("IDIQ", organisations);
        Assert.Contains("Internal Widget Service", organisations);
    }

    [Fact]
    public void Extract_NameEndingInAnAbbreviation_KeepsItsApposition()
    {
        var batch = Extract("Lintel Systems Inc., a unit of Orrin Holdings Corp., was fined. "
            + "Corwin Talbot Jr., chief executive of Lintel Systems Inc., declined to comment.");

        Assert.True(HasFactStarting(batch, RelationType.Owns, "Orrin Holdings", "Lintel Systems"));
        Assert.True(HasFactStarting(batch, RelationType.Leads, "Corwin Talbot", "Lintel Systems"));
    }

    [Fact]
    public void Extract_AgeAndHomeTownBeforeTheRole_StillLinkPersonAndEmployer()
    {
        var batch = Extract("Marlowe T. Quennell, 52, of Dayton, Ohio, a former employee of Harbor Supply Corp., pleaded guilty. "
            + "Idris Vandermolen of Fresno, Calif., a former purchasing assistant at Quillon Systems Inc., was sentenced.");

        Assert.True(HasFactStarting(batch, RelationType.EmployedBy, "Marlowe T. Quennell", "Harbor Supply"));
        Assert.True(HasFactStarting(batch, RelationType.EmployedBy, "Idris Vandermolen", "Quillon Systems"));
    }

    [Fact]
    public void Extract_CapitalisedTheDepartment_IsTheDocumentsOnlyDepartment()
    {
        var batch = Extract("“Bid rigging harms taxpayers,” said Solveig Arkwright, Acting Assistant Attorney General in charge of the Department’s Antitrust Division. "
            + "The Department of Justice thanked the agents.");

        Assert.True(HasFactStarting(batch, RelationType.EmployedBy, "Solveig Arkwright", "Antitrust Division"));
        Assert.True(HasFactStarting(batch, RelationType.EmployedBy, "Solveig Arkwright", "U.S. Department of Justice"));
    }

    [Fact]
    public void Extract_LetterUrgingAnOfficial_LinksSendersToTheAddresseeOnly()
    {
        var batch = Extract("In May, Senator Hollis Brandt and Representative Mira Okafor sent a letter urging Postmaster General Alden Pryce to restore service. "
            + "Later, Senator Hollis Brandt sent a letter asking for records about Tobiah Renwick and his company.");

        Assert.True(HasFactStarting(batch, RelationType.CommunicatesWith, "Hollis Brandt", "Alden Pryce")
            || HasFactStarting(batch, RelationType.CommunicatesWith, "Alden Pryce", "Hollis Brandt"));
        Assert.True(HasFactStarting(batch, RelationType.CommunicatesWith, "Mira Okafor", "Alden Pryce")
            || HasFactStarting(batch, RelationType.CommunicatesWith, "Alden Pryce", "Mira Okafor"));
        Assert.DoesNotContain(batch.Facts, f => f.Type == RelationType.CommunicatesWith
            && (f.SubjectId == Entity(batch, "Tobiah Renwick").Id || f.ObjectId == Entity(batch, "Tobiah Renwick").Id));
    }

    [Fact]
    public void Extract_AgencyInspectorGeneral_LeadsTheAgencysInspectorGeneralOffice()
    {
        var batch = Extract("The review was conducted by the Widget Safety Agency’s Office of Inspector General. "
            + "“Fraud costs us all,” Widget Safety Agency Inspector General Tobias Wren said.");

        Assert.True(HasFactStarting(batch, RelationType.EmployedBy, "Tobias Wren", "Widget Safety Agency"));
        Assert.True(HasFactStarting(batch, RelationType.Leads, "Tobias Wren", "Office of Inspector General"));
    }

    [Fact]
    public void Extract_InvestigatedInConjunctionWith_CountsEveryListedInvestigator()
    {
        var batch = Extract("Dorrance Pipe Company pleaded guilty today. "
            + "This ongoing investigation is being conducted by the Antitrust Division in conjunction with the Widget Safety Agency’s Office of Inspector General (Harbor Field Office).");

        var investigation = Assert.Single(batch.Entities, e => e.Kind == EntityKind.Investigation);
        var investigators = batch.Facts.Where(f => f.Type == RelationType.Investigates && f.ObjectId == investigation.Id)
            .Select(f => batch.Entities.Single(e => e.Id == f.SubjectId).Name).ToList();
        Assert.Contains("Widget Safety Agency", investigators);
        Assert.Contains("Office of Inspector General", investigators);
        Assert.Contains("Harbor Field Office", investigators);
    }

    [Fact]
    public void Extract_TheDepartmentsInvestigation_IsTheReleasesCase()
    {
        var batch = Extract("Jane Roe pleaded guilty today, the Department of Justice announced. "
            + "The investigation is being conducted by the Antitrust Division. Harbor Power Authority cooperated with the Department’s investigation.");

        var investigation = Assert.Single(batch.Entities, e => e.Kind == EntityKind.Investigation);
        Assert.True(HasFactStarting(batch, RelationType.Investigates, "U.S. Department of Justice", investigation.Name));
    }
}
