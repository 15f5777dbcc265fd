using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Mentions;

/// <summary>How sure the mention finder is that a span names an entity of its kind.</summary>
internal enum MentionStrength
{
    /// <summary>"the company", "its": refers back to an organisation named earlier; used for facts, never shown as a mention.</summary>
    Anaphor,

    /// <summary>A capitalised word with no type of its own; it counts only if it names an entity found elsewhere.</summary>
    Candidate,

    /// <summary>A capitalised pair with no lexicon support (a probable person name).</summary>
    Weak,

    /// <summary>A single word typed by its context ("his buddy X", "X executives").</summary>
    Contextual,

    /// <summary>Given name, title, organisation cue word, acronym or well-known name.</summary>
    Strong,
}

/// <summary>A span that names (or may name) a person or an organisation. Offsets are UTF-16 indexes into the document.</summary>
internal sealed record Mention(int Start, int End, string Text, EntityKind Kind, int Sentence, MentionStrength Strength)
{
    /// <summary>The name to file the entity under when it is known (well-known organisations, caucuses).</summary>
    public string? Canonical { get; init; }

    /// <summary>The name without its title ("Senator Jane Roe" → "Jane Roe").</summary>
    public string Name { get; init; } = Text;

    /// <summary>Role class of a title attached to the name, if any.</summary>
    public RoleClass? Role { get; init; }

    /// <summary>True when the mention opens its sentence or heading (capitalised for that reason alone, perhaps).</summary>
    public bool SentenceInitial { get; init; }

    /// <summary>True when the mention is in a heading line.</summary>
    public bool InHeading { get; init; }

    /// <summary>The number of words in <see cref="Name"/>.</summary>
    public int WordCount => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
