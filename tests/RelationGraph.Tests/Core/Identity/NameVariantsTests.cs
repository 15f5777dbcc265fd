using RelationGraph.Core.Identity;

namespace RelationGraph.Tests.Core.Identity;

public sealed class NameVariantsTests
{
    [Theory]
    [InlineData("Bethany R. Redfern", "bethany redfern")]
    [InlineData("Dr. Bethany Redfern", "bethany redfern")]
    [InlineData("Gen. Mark A. Lockhart", "mark lockhart")]
    [InlineData("BETHANY REDFERN", "bethany redfern")]
    [InlineData("José Müller", "jose muller")]
    [InlineData("Zoë Łukasiewicz", "zoe lukasiewicz")]
    [InlineData("Clodagh Ó Briain", "clodagh o briain")]
    [InlineData("Mr. Smith", "smith")]
    [InlineData("Director of National Intelligence", "director of national intelligence")] // whole-word titles stay
    [InlineData("J. P. Morgan", "j morgan")] // a leading initial stays; the middle one goes
    public void LooseKey_PrintedVariants_ShareTheKey(string name, string expected) =>
        Assert.Equal(expected, NameVariants.LooseKey(name));

    [Theory]
    [InlineData("Bethany R. Redfern", "redfern")]
    [InlineData("Esther de Groot", "de groot")]
    [InlineData("Clodagh Ó Briain", "o briain")]
    [InlineData("Redfern", null)]
    public void FamilyKey_FullName_IsEverythingAfterTheGivenName(string name, string? expected) =>
        Assert.Equal(expected, NameVariants.FamilyKey(name));

    [Theory]
    [InlineData("Bethany R. Redfern", "Bethany Redfern", true)]
    [InlineData("Bethany R. Redfern", "Bethany R. Redfern", true)]
    [InlineData("Bethany R. Redfern", "Bethany T. Redfern", false)]
    public void Compatible_MiddleInitials_OnlyConflictWhenBothPrintDifferentOnes(string name, string other, bool expected) =>
        Assert.Equal(expected, NameVariants.Compatible(name, other));
}
