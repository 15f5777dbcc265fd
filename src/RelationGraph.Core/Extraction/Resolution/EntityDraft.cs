using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Resolution;

/// <summary>An entity being built from one document's mentions.</summary>
internal sealed class EntityDraft(EntityKind kind, string name)
{
    public EntityKind Kind { get; } = kind;

    /// <summary>Canonical name; may grow to a fuller form as mentions join.</summary>
    public string Name { get; set; } = name;

    /// <summary>
    /// The name the stable id is made from when it differs from <see cref="Name"/>: a contract is shown with what it is for
    /// ("Ministry of Works dredging contract ($5 million)") but identified without it, so documents that do not say
    /// what it is for still name the same contract.
    /// </summary>
    public string? IdentityName { get; init; }

    /// <summary>Mentions as (start, end) UTF-16 spans with their surface text and sentence.</summary>
    public List<(int Start, int End, string Text, int Sentence)> Spans { get; } = [];

    /// <summary>Name words of a person ("Jane", "Roe"), for surname and first-name matching.</summary>
    public string[] Words => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when the name is fixed (well-known organisation, caucus); longer forms do not replace it.</summary>
    public bool FixedName { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public int? Year { get; set; }

    public string? Status { get; set; }

    // The spans already added, so adding one is constant time: an entity named thousands of times in a long text
    // must not make extraction quadratic.
    private readonly HashSet<(int Start, int End)> _spanSet = [];

    public void AddSpan(int start, int end, string text, int sentence)
    {
        if (_spanSet.Add((start, end)))
        {
            Spans.Add((start, end, text, sentence));
        }
    }
}
