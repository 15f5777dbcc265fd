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
    public void Extract_SurnameSharedByTwoPeopleOfTheDocument_NamesNeither()
    {
        var batch = Extract("Irene Calloway joined Brightmoor Freight in 2019. Imogen Calloway chairs the Harbour Authority. " +
            "Calloway funds Westerly Analytics, according to disclosures.");

        Assert.DoesNotContain(batch.Facts, f => f.Type == RelationType.Funds);
        Assert.DoesNotContain(batch.Entities, e => e.Name == "Calloway");
    }

    [Fact]
    public void Extract_SurnameOfOnePersonWrittenTwoWays_JoinsThem()
    {
        var batch = Extract("Irene Calloway joined Brightmoor Freight in 2019. Irene M. Calloway chairs the Harbour Authority. " +
            "Calloway funds Westerly Analytics, according to disclosures.");

        Assert.Contains(batch.Facts, f => f.Type == RelationType.Funds);
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

    [Theory]
    [InlineData("Hollis Brandt, also called Teddy, ran the fund. Teddy later left.", "Teddy")]
    [InlineData("Hollis Brandt, called \u201cTeddy\u201d by friends, ran the fund. Teddy later left.", "Teddy")]
    public void Extract_CalledAsNaming_JoinsNickname(string text, string nickname)
    {
        var batch = Extract(text);

        var person = Assert.Single(batch.Entities, e => e.Kind == EntityKind.Person);
        Assert.Contains(nickname, person.Aliases);
    }

    [Fact]
    public void Extract_CalledAsPhoneCall_KeepsTwoPeople()
    {
        // "called" is the verb of a phone call here: Ostrow's mentions stay his, not the caller's
        var batch = Extract("Brenda Ostrow said the review was fair. Lionel Markey called Ostrow the day before the award. Ostrow declined to comment.");

        var caller = Assert.Single(batch.Entities, e => e.Name == "Lionel Markey");
        var called = Assert.Single(batch.Entities, e => e.Name == "Brenda Ostrow");
        Assert.DoesNotContain("Ostrow", caller.Aliases);
        Assert.Equal(3, batch.Mentions.Count(m => m.EntityId == called.Id));
    }

    [Fact]
    public void Extract_TheFirmAfterTwoFirms_StaysUnresolved()
    {
        // two firms named once each: "the firm" could be either, so no fact is pinned on one of them
        var batch = Extract("Harrowgate Robotics won the tender. Pellmark Logistics lost it. Ivo Stanek joined the firm as a partner in 2019.");

        Assert.DoesNotContain(batch.Facts, f => f.Type == RelationType.EmployedBy);
    }

    [Fact]
    public void Extract_TheFirmWhenTheLatestIsTheMainFirm_Resolves()
    {
        var batch = Extract("Harrowgate Robotics won the tender. Pellmark Logistics lost it. Harrowgate Robotics said it was pleased. " +
            "Ivo Stanek joined the firm as a partner in 2019.");

        var firm = Assert.Single(batch.Entities, e => e.Name == "Harrowgate Robotics");
        Assert.Contains(batch.Facts, f => f.Type == RelationType.EmployedBy && f.ObjectId == firm.Id);
    }

    [Fact]
    public void Extract_TheCompanyAfterAPublicBody_IsNotThePublicBody()
    {
        var batch = Extract("The Coastal Logistics Command signed the deal. According to Ivo Stanek, a consultant at the company, costs rose.");

        Assert.DoesNotContain(batch.Facts, f => f.Type == RelationType.EmployedBy);
    }

    [Theory]
    [InlineData("Quorrel Marine")]
    [InlineData("Quorrel Infrastructure")]
    [InlineData("Quorrel Electronics")]
    public void Extract_IndustryWordEndingAName_MakesAnOrganisation(string name)
    {
        var batch = Extract($"{name} won the tender in May, officials said.");

        Assert.Equal(EntityKind.Organisation, Assert.Single(batch.Entities, e => e.Name == name).Kind);
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

    [Fact]
    public void Extract_CompanyNamedAfterAPersonThenShortened_IsOneCompany()
    {
        var batch = Extract("WASHINGTON - Harlan Voss Company, a Chicago advertising firm, agreed to pay $2 million. "
            + "Harlan Voss will also credit the Navy. The suit was filed by former Harlan Voss employees, Orla Quint and Benedikt Ashby.");

        Assert.DoesNotContain(batch.Entities, e => e.Kind == EntityKind.Person && e.Name == "Harlan Voss");
        var company = Assert.Single(batch.Entities, e => e.Name == "Harlan Voss Company");
        Assert.Contains(batch.Facts, f => f.Type == RelationType.EmployedBy && f.ObjectId == company.Id
            && batch.Entities.Single(e => e.Id == f.SubjectId).Name == "Orla Quint");
    }

    [Fact]
    public void Extract_PersonNamedBeforeTheirNamesakeCompany_StaysAPerson()
    {
        var batch = Extract("Harlan Voss, the owner of Harlan Voss Inc., pleaded guilty. Harlan Voss Inc. paid a fine.");

        Assert.Contains(batch.Entities, e => e.Kind == EntityKind.Person && e.Name == "Harlan Voss");
    }
}
