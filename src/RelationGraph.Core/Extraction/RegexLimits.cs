namespace RelationGraph.Core.Extraction;

/// <summary>Time limit for one regular expression match in the rule-based extractor.</summary>
internal static class RegexLimits
{
    public const int MatchTimeoutMs = 500;
}
