using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Mentions;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Resolution;

/// <summary>
/// Joins mentions into entities within one document: full names first, then surname-only and first-name-only
/// mentions, nicknames the text ties to a person, acronyms and their expansions. A surname shared by two
/// people goes to the one named most recently, and the two are never merged.
/// </summary>
internal sealed partial class EntityResolver
{
    // Patterns run on sentences of at most SentenceSegmenter.MaxSentenceLength characters with bounded quantifiers;
    // the timeout is a safety net, and the extractor skips a sentence or stage that hits it.
    private const int MatchTimeoutMs = RegexLimits.MatchTimeoutMs;

    // "called" alone is also the verb of a phone call ("Jane Roe called Smith"): it names only after a comma, a
    // qualifier ("also called") or before a quotation mark.
    [GeneratedRegex(@"(?<name>\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){1,3})(?:,? (?:who is |also |widely |popularly |better |commonly )?(?:known as|nicknamed|dubbed)|,? (?:who is |also |widely |popularly |better |commonly |often |sometimes )called| called(?= (?:the )?[“""‘'])|, called) (?:the )?[“""‘']?(?<nick>\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2})", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex NicknamePattern();

    [GeneratedRegex(@"^ ?\((?<acronym>\p{Lu}[\p{Lu}&.]{1,7})\)", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex AcronymAfter();

    [ThreadStatic]
    private static Dictionary<string, string>? t_keys;

    // NameKey.Normalise is costly (Unicode normalisation); one document asks for the same few names many times.
    private static string Key(string name)
    {
        var cache = t_keys ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (cache.Count > 4096)
        {
            cache.Clear();
        }

        if (!cache.TryGetValue(name, out var key))
        {
            key = NameKey.Normalise(name);
            cache[name] = key;
        }

        return key;
    }

    private readonly string _text;
    private readonly IReadOnlyList<Sentence> _sentences;
    private readonly List<Mention> _mentions;
    private readonly List<EntityDraft> _entities;
    private readonly int[] _assignment;
    private readonly Dictionary<(EntityKind, string), int> _byKey = [];
    private readonly Dictionary<string, string> _nicknames;
    private readonly NameIndex _names;

    // One resolver per document: the passes below share its mentions, entities and the assignment between them.
    private EntityResolver(string text, IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities)
    {
        _text = text;
        _sentences = sentences;
        _mentions = mentions;
        _entities = entities;
        _assignment = new int[mentions.Count];
        Array.Fill(_assignment, -1);
        _nicknames = FindNicknames(text, sentences);
        _names = new NameIndex(entities);
    }

    /// <summary>Resolves mentions to entities; returns for each mention its entity index, or -1 when it names none.</summary>
    public static int[] Resolve(string text, IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities)
    {
        var resolver = new EntityResolver(text, sentences, mentions, entities);
        resolver.FileFullNames();
        JoinAcronyms(text, mentions, entities, resolver._assignment, resolver._byKey);
        JoinLegalForms(entities, resolver._assignment, resolver._byKey);
        resolver.JoinSingleWords();
        RetypeWeakPeople(text, sentences, mentions, entities, resolver._assignment, resolver._byKey);
        resolver.JoinHeadingMentions();
        ResolveAnaphors(sentences, mentions, entities, resolver._assignment);
        resolver.RecordSpans();
        return resolver._assignment;
    }

    private int Entity(EntityKind kind, string name, bool fixedName)
    {
        var key = (kind, Key(name));
        if (!_byKey.TryGetValue(key, out var index))
        {
            index = _entities.Count;
            _entities.Add(new EntityDraft(kind, name) { FixedName = fixedName });
            _byKey[key] = index;
        }

        return index;
    }

    // Organisations and full person names.
    private void FileFullNames()
    {
        for (var m = 0; m < _mentions.Count; m++)
        {
            var mention = _mentions[m];
            if (mention.Strength is MentionStrength.Candidate or MentionStrength.Contextual or MentionStrength.Anaphor)
            {
                continue;
            }

            // Headings name what the body names; a heading alone does not make an entity (a full given name + surname may).
            if (mention.InHeading && mention.Canonical is null && !(mention.Kind == EntityKind.Person && mention.Strength == MentionStrength.Strong))
            {
                continue;
            }

            if (mention.Kind == EntityKind.Person && mention.Strength == MentionStrength.Weak && mention.InHeading)
            {
                continue;
            }

            if (mention.Kind == EntityKind.Person && mention.WordCount < 2)
            {
                continue;
            }

            var name = mention.Canonical ?? mention.Name;
            if (_nicknames.ContainsKey(Key(name)))
            {
                continue;
            }

            if (mention.Kind == EntityKind.Person && _byKey.ContainsKey((EntityKind.Organisation, Key(name))))
            {
                continue;
            }

            // "De Groot said", "Ó Briain added": a family name with its particle is a surname-only mention
            if (mention.Kind == EntityKind.Person && StartsWithParticle(name) && Join(mention, m) is var person
                && (person == Ambiguous || person >= 0 && _entities[person].Kind == EntityKind.Person))
            {
                _assignment[m] = Math.Max(person, -1);
                continue;
            }

            _assignment[m] = Entity(mention.Kind, name, mention.Canonical is not null);
        }
    }

    private static bool StartsWithParticle(string name)
    {
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && Lexicon.Instance.FamilyParticles.Contains(name[..space]);
    }

    // Single words: typed by context or not, they join a full name when one matches.
    private void JoinSingleWords()
    {
        var pending = new List<int>();
        for (var m = 0; m < _mentions.Count; m++)
        {
            if (_assignment[m] < 0 && (_mentions[m].Strength is MentionStrength.Candidate or MentionStrength.Contextual || _nicknames.ContainsKey(Key(_mentions[m].Name))))
            {
                pending.Add(m);
            }
        }

        foreach (var m in pending)
        {
            var mention = _mentions[m];
            var joined = Join(mention, m);
            if (joined >= 0)
            {
                _assignment[m] = joined;
            }
            else if (joined != Ambiguous && mention.Strength == MentionStrength.Contextual && !mention.InHeading)
            {
                _assignment[m] = Entity(mention.Kind, mention.Name, false);
            }
        }

        // Second pass: earlier bare occurrences of a word typed later in the text.
        foreach (var m in pending)
        {
            if (_assignment[m] < 0)
            {
                _assignment[m] = Math.Max(Join(_mentions[m], m), -1);
            }
        }
    }

    // A heading's names count when the body names them too.
    private void JoinHeadingMentions()
    {
        for (var m = 0; m < _mentions.Count; m++)
        {
            var mention = _mentions[m];
            if (_assignment[m] < 0 && mention.InHeading && mention.Strength is MentionStrength.Strong or MentionStrength.Weak)
            {
                var key = (mention.Kind, Key(mention.Canonical ?? mention.Name));
                _assignment[m] = _byKey.TryGetValue(key, out var known) ? known : Math.Max(Join(mention, m), -1);
            }
        }
    }

    // Each entity gets its mentions' spans, and a person the fullest form of its name.
    private void RecordSpans()
    {
        for (var m = 0; m < _mentions.Count; m++)
        {
            if (_assignment[m] >= 0 && _mentions[m].Strength != MentionStrength.Anaphor)
            {
                var mention = _mentions[m];
                var entity = _entities[_assignment[m]];
                entity.AddSpan(mention.Start, mention.End, mention.Text, mention.Sentence);
                if (!entity.FixedName && entity.Kind == EntityKind.Person && mention.WordCount > entity.Words.Length && mention.Canonical is null)
                {
                    entity.Name = mention.Name;
                }
            }
        }
    }

}
