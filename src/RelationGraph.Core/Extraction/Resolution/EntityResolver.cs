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
internal static partial class EntityResolver
{
    // Patterns run on sentences of at most SentenceSegmenter.MaxSentenceLength characters with bounded quantifiers;
    // the timeout is a safety net, and the extractor skips a sentence or stage that hits it.
    private const int MatchTimeoutMs = RegexLimits.MatchTimeoutMs;

    [GeneratedRegex(@"(?<name>\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){1,3}),? (?:who is |also |widely |popularly |better |commonly )?(?:known as|nicknamed|dubbed|called) (?:the )?[“""‘']?(?<nick>\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2})", RegexOptions.CultureInvariant, MatchTimeoutMs)]
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

    /// <summary>Resolves mentions to entities; returns for each mention its entity index, or -1 when it names none.</summary>
    public static int[] Resolve(string text, IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities)
    {
        var assignment = new int[mentions.Count];
        Array.Fill(assignment, -1);
        var byKey = new Dictionary<(EntityKind, string), int>();
        var nicknames = FindNicknames(text, sentences);
        var names = new NameIndex(entities);

        int Entity(EntityKind kind, string name, bool fixedName)
        {
            var key = (kind, Key(name));
            if (!byKey.TryGetValue(key, out var index))
            {
                index = entities.Count;
                entities.Add(new EntityDraft(kind, name) { FixedName = fixedName });
                byKey[key] = index;
            }

            return index;
        }

        // Organisations and full person names.
        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
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
            if (nicknames.ContainsKey(Key(name)))
            {
                continue;
            }

            if (mention.Kind == EntityKind.Person && byKey.ContainsKey((EntityKind.Organisation, Key(name))))
            {
                continue;
            }

            assignment[m] = Entity(mention.Kind, name, mention.Canonical is not null);
        }

        JoinAcronyms(text, mentions, entities, assignment, byKey);
        JoinLegalForms(entities, assignment, byKey);

        // Single words: typed by context or not, they join a full name when one matches.
        var pending = new List<int>();
        for (var m = 0; m < mentions.Count; m++)
        {
            if (assignment[m] < 0 && (mentions[m].Strength is MentionStrength.Candidate or MentionStrength.Contextual || nicknames.ContainsKey(Key(mentions[m].Name))))
            {
                pending.Add(m);
            }
        }

        foreach (var m in pending)
        {
            var mention = mentions[m];
            var joined = Join(mention, m, mentions, entities, assignment, byKey, nicknames, names);
            if (joined >= 0)
            {
                assignment[m] = joined;
            }
            else if (mention.Strength == MentionStrength.Contextual && !mention.InHeading)
            {
                assignment[m] = Entity(mention.Kind, mention.Name, false);
            }
        }

        // Second pass: earlier bare occurrences of a word typed later in the text.
        foreach (var m in pending)
        {
            if (assignment[m] < 0)
            {
                assignment[m] = Join(mentions[m], m, mentions, entities, assignment, byKey, nicknames, names);
            }
        }

        RetypeWeakPeople(text, sentences, mentions, entities, assignment, byKey);

        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            if (assignment[m] < 0 && mention.InHeading && mention.Strength is MentionStrength.Strong or MentionStrength.Weak)
            {
                var key = (mention.Kind, Key(mention.Canonical ?? mention.Name));
                assignment[m] = byKey.TryGetValue(key, out var known) ? known : Join(mention, m, mentions, entities, assignment, byKey, nicknames, names);
            }
        }

        ResolveAnaphors(sentences, mentions, entities, assignment);

        for (var m = 0; m < mentions.Count; m++)
        {
            if (assignment[m] >= 0 && mentions[m].Strength != MentionStrength.Anaphor)
            {
                var mention = mentions[m];
                var entity = entities[assignment[m]];
                entity.AddSpan(mention.Start, mention.End, mention.Text, mention.Sentence);
                if (!entity.FixedName && entity.Kind == EntityKind.Person && mention.WordCount > entity.Words.Length && mention.Canonical is null)
                {
                    entity.Name = mention.Name;
                }
            }
        }

        return assignment;
    }

    private static int Join(Mention mention, int m, List<Mention> mentions, List<EntityDraft> entities, int[] assignment,
        Dictionary<(EntityKind, string), int> byKey, Dictionary<string, string> nicknames, NameIndex names)
    {
        var key = Key(mention.Name);
        if (nicknames.TryGetValue(key, out var fullName) && byKey.TryGetValue((EntityKind.Person, Key(fullName)), out var nicknamed))
        {
            return nicknamed;
        }

        if (byKey.TryGetValue((EntityKind.Organisation, key), out var org) && (mention.Kind != EntityKind.Person || mention.Strength == MentionStrength.Candidate))
        {
            return org;
        }

        names.CatchUp();

        // Surname: the person with that surname named most recently before this mention.
        var surnames = names.PeopleWithLastWord(mention.Name);
        if (surnames.Count == 1)
        {
            return surnames[0];
        }

        if (surnames.Count > 1)
        {
            return MostRecent(surnames, m, assignment);
        }

        var firstNameMatches = names.PeopleWithFirstWord(mention.Name);
        if (firstNameMatches.Count == 1)
        {
            return firstNameMatches[0];
        }

        // "Meridian" for "Meridian Transit Systems": the first word of exactly one multi-word organisation.
        if (!(mention.SentenceInitial && mention.InHeading) && names.OrganisationsWithFirstWord(mention.Name) is [var shortForm])
        {
            return shortForm;
        }

        return byKey.TryGetValue((mention.Kind, key), out var same) ? same
            : byKey.TryGetValue((mention.Kind == EntityKind.Person ? EntityKind.Organisation : EntityKind.Person, key), out var other) ? other
            : -1;
    }

    /// <summary>
    /// Multi-word entities by their first and last words, so joining a single-word mention costs a lookup instead of
    /// a pass over every entity (linear time on long texts). Entities are only ever appended; CatchUp indexes new ones.
    /// </summary>
    private sealed class NameIndex(List<EntityDraft> entities)
    {
        private readonly Dictionary<string, List<int>> _personLast = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _personFirst = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _organisationFirst = new(StringComparer.Ordinal);
        private int _indexed;

        public void CatchUp()
        {
            for (; _indexed < entities.Count; _indexed++)
            {
                var entity = entities[_indexed];
                var words = entity.Words;
                if (words.Length < 2)
                {
                    continue;
                }

                if (entity.Kind == EntityKind.Person)
                {
                    Add(_personLast, words[^1], _indexed);
                    Add(_personFirst, words[0], _indexed);
                }
                else if (entity.Kind == EntityKind.Organisation && !entity.FixedName && !GenericFirstWords.Contains(words[0]))
                {
                    Add(_organisationFirst, words[0], _indexed);
                }
            }
        }

        public List<int> PeopleWithLastWord(string word) => _personLast.TryGetValue(word, out var list) ? list : [];

        // A first name matches unless it is also a known surname (then the surname rule above has decided).
        public List<int> PeopleWithFirstWord(string word) => _personFirst.TryGetValue(word, out var list) ? list : [];

        public List<int> OrganisationsWithFirstWord(string word) => _organisationFirst.TryGetValue(word, out var list) ? list : [];

        private static void Add(Dictionary<string, List<int>> index, string word, int entity)
        {
            if (!index.TryGetValue(word, out var list))
            {
                index[word] = list = [];
            }

            list.Add(entity);
        }
    }

    // First words that do not stand for the whole name ("National" is not "National Widget Board").
    private static readonly HashSet<string> GenericFirstWords = new(StringComparer.Ordinal)
    {
        "National", "United", "American", "Federal", "General", "International", "Royal", "Central", "First", "New", "Global",
        "World", "State", "City", "Public", "Social", "Democratic", "Republican", "European", "British", "Chinese", "Russian",
        "Office", "Department", "Ministry", "Bank", "University", "Institute", "Council", "Committee", "Commission", "Agency",
        "Board", "Trust", "Fund", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Senate", "House",
        "Air", "Army", "Navy", "Municipal", "Consumer", "Fair", "Independent", "Environmental", "Financial", "Energy",
    };

    private static readonly string[] LegalSuffixes =
        ["Inc", "Inc.", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "Limited", "LLC", "LLP", "plc", "PLC", "ASA", "AG", "SA", "S.A.",
         "GmbH", "NV", "N.V.", "BV", "AB", "Oyj", "SE", "SpA", "Srl", "Pty", "LP", "Co", "Co."];

    // "Halvorsen Shipping" and "Halvorsen Shipping ASA" are one company: names equal up to a legal suffix join.
    private static void JoinLegalForms(List<EntityDraft> entities, int[] assignment, Dictionary<(EntityKind, string), int> byKey)
    {
        var byCore = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < entities.Count; e++)
        {
            var entity = entities[e];
            if (entity.Kind != EntityKind.Organisation || entity.FixedName)
            {
                continue;
            }

            var words = entity.Words;
            var length = words.Length;
            while (length > 1 && LegalSuffixes.Contains(words[length - 1]))
            {
                length--;
            }

            var core = Key(string.Join(' ', words, 0, length));
            if (!byCore.TryGetValue(core, out var other))
            {
                byCore[core] = e;
                continue;
            }

            var (keep, drop) = entities[other].Words.Length >= words.Length ? (other, e) : (e, other);
            for (var m = 0; m < assignment.Length; m++)
            {
                if (assignment[m] == drop)
                {
                    assignment[m] = keep;
                }
            }

            byKey[(EntityKind.Organisation, Key(entities[drop].Name))] = keep;
            byCore[core] = keep;
        }
    }

    // A capitalised pair without a given name is filed as a person; "Skyward Aeronautics ... its costs" says otherwise.
    private static void RetypeWeakPeople(string text, IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities, int[] assignment,
        Dictionary<(EntityKind, string), int> byKey)
    {
        // Each entity's mentions, listed once, so the pass is linear in the number of mentions.
        var byEntity = new List<int>?[entities.Count];
        for (var m = 0; m < mentions.Count; m++)
        {
            if (assignment[m] >= 0 && assignment[m] < byEntity.Length)
            {
                (byEntity[assignment[m]] ??= []).Add(m);
            }
        }

        for (var e = 0; e < byEntity.Length; e++)
        {
            var entity = entities[e];
            if (entity.Kind != EntityKind.Person || byEntity[e] is not { } own || !own.Any(m => mentions[m].Strength == MentionStrength.Weak))
            {
                continue;
            }

            int its = 0, his = 0, weak = 0, strong = 0;
            foreach (var m in own)
            {

                if (mentions[m].Strength == MentionStrength.Weak)
                {
                    weak++;
                }
                else if (mentions[m].Strength == MentionStrength.Strong)
                {
                    strong++;
                }

                var sentence = sentences[mentions[m].Sentence];
                var after = text.AsSpan(mentions[m].End, sentence.End - mentions[m].End);
                its += CountWord(after, "its");
                his += CountWord(after, "his") + CountWord(after, "her") + CountWord(after, "he") + CountWord(after, "she");
            }

            if (weak > 0 && strong == 0 && its > 0 && his == 0)
            {
                var organisation = new EntityDraft(EntityKind.Organisation, entity.Name);
                entities.Add(organisation);
                var index = entities.Count - 1;
                foreach (var m in own)
                {
                    assignment[m] = index;
                }

                byKey.Remove((EntityKind.Person, Key(entity.Name)));
                byKey[(EntityKind.Organisation, Key(entity.Name))] = index;
            }
        }
    }

    private static int CountWord(ReadOnlySpan<char> span, string word)
    {
        var count = 0;
        var at = 0;
        while (at < span.Length)
        {
            var found = span[at..].IndexOf(word, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            var start = at + found;
            var end = start + word.Length;
            if ((start == 0 || !char.IsLetter(span[start - 1])) && (end == span.Length || !char.IsLetter(span[end])))
            {
                count++;
            }

            at = end;
        }

        return count;
    }

    private static readonly string[] GovernmentWords =
        ["Department", "Ministry", "Office", "Agency", "Authority", "Commission", "Committee", "Council", "Police", "Court", "Senate",
         "Congress", "Parliament", "Bureau", "Administration", "Army", "Navy", "Force", "Regulation", "Regulator", "Inspector"];

    // "the company" → the latest company named before; "the authority" → the latest organisation with "Authority"
    // in its name; "its" → the organisation that leads the sentence, or the one that led a recent sentence.
    private static void ResolveAnaphors(IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities, int[] assignment)
    {
        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            if (mention.Strength != MentionStrength.Anaphor)
            {
                continue;
            }

            var noun = mention.Name.ToLowerInvariant();
            if (noun is "its" or "their")
            {
                assignment[m] = LeadingOrganisation(sentences, mentions, entities, assignment, mention);
                continue;
            }

            for (var k = m - 1; k >= 0; k--)
            {
                // Mentions are in text order, so the scan back stops eight sentences up (linear time on long texts).
                if (mentions[k].Sentence < mention.Sentence - 8)
                {
                    break;
                }

                if (assignment[k] < 0 || entities[assignment[k]].Kind != EntityKind.Organisation)
                {
                    continue;
                }

                var name = entities[assignment[k]].Name;
                var isGovernment = GovernmentWords.Any(w => name.Contains(w, StringComparison.Ordinal));
                var fits = noun switch
                {
                    "company" or "firm" or "lender" or "insurer" or "carrier" or "airline" => !isGovernment,
                    "regulator" or "watchdog" => isGovernment,
                    _ => name.Split(' ').Any(w => string.Equals(w, noun, StringComparison.OrdinalIgnoreCase)),
                };
                if (fits)
                {
                    assignment[m] = assignment[k];
                    break;
                }
            }
        }
    }

    private static int LeadingOrganisation(IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities, int[] assignment, Mention anaphor)
    {
        for (var sentence = anaphor.Sentence; sentence >= 0 && sentence >= anaphor.Sentence - 2; sentence--)
        {
            if (sentences[sentence].Paragraph != sentences[anaphor.Sentence].Paragraph)
            {
                break;
            }

            // The first organisation of the sentence, within its first 24 characters; mentions are in text order, so
            // the search starts at the sentence's first mention, found by binary search.
            var start = sentences[sentence].Start;
            for (var k = FirstMentionAtOrAfter(mentions, start); k < mentions.Count && mentions[k].Sentence == sentence; k++)
            {
                var mention = mentions[k];
                if (mention.Start < anaphor.Start && mention.Start - start <= 24 && assignment[k] >= 0
                    && entities[assignment[k]].Kind == EntityKind.Organisation)
                {
                    return assignment[k];
                }
            }
        }

        return -1;
    }

    private static int FirstMentionAtOrAfter(List<Mention> mentions, int position)
    {
        int lo = 0, hi = mentions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (mentions[mid].Start < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // Of several people sharing a surname, the one named most recently before mention m, else the first named after
    // it. Mentions are in text order, so the nearest assignment wins; the scan is bounded so a long text with
    // thousands of namesakes stays linear (beyond the bound, the first candidate).
    private static int MostRecent(List<int> candidates, int m, int[] assignment)
    {
        const int MaxScan = 20_000;
        for (var k = m - 1; k >= 0 && k >= m - MaxScan; k--)
        {
            if (assignment[k] >= 0 && candidates.Contains(assignment[k]))
            {
                return assignment[k];
            }
        }

        for (var k = m + 1; k < assignment.Length && k <= m + MaxScan; k++)
        {
            if (assignment[k] >= 0 && candidates.Contains(assignment[k]))
            {
                return assignment[k];
            }
        }

        return candidates[0];
    }

    // "National Widget Agency (NWA)" and an all-caps word equal to the initials of a multi-word organisation join it.
    private static void JoinAcronyms(string text, List<Mention> mentions, List<EntityDraft> entities, int[] assignment, Dictionary<(EntityKind, string), int> byKey)
    {
        var initials = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            if (assignment[m] < 0 || mention.Kind != EntityKind.Organisation)
            {
                continue;
            }

            var after = AcronymAfter().Match(text, mention.End, Math.Min(12, text.Length - mention.End));
            if (after.Success)
            {
                initials[after.Groups["acronym"].Value.Replace(".", "", StringComparison.Ordinal)] = assignment[m];
            }

            var words = mention.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2)
            {
                var letters = string.Concat(words.Where(w => char.IsUpper(w[0])).Select(w => w[0]));
                initials.TryAdd(letters, assignment[m]);
            }
        }

        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            if (mention.Kind != EntityKind.Organisation || mention.Canonical is not null || assignment[m] < 0)
            {
                continue;
            }

            var acronym = mention.Name.Replace(".", "", StringComparison.Ordinal);
            if (acronym.Length is >= 2 and <= 8 && acronym.All(c => char.IsUpper(c) || c == '&')
                && initials.TryGetValue(acronym, out var expansion) && expansion != assignment[m])
            {
                var old = assignment[m];
                for (var k = 0; k < mentions.Count; k++)
                {
                    if (assignment[k] == old)
                    {
                        assignment[k] = expansion;
                    }
                }

                byKey[(EntityKind.Organisation, Key(mention.Name))] = expansion;
            }
        }
    }

    private static Dictionary<string, string> FindNicknames(string text, IReadOnlyList<Sentence> sentences)
    {
        var nicknames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var slice = text.Substring(sentence.Start, sentence.Length);
            if (!slice.Contains("known as", StringComparison.Ordinal) && !slice.Contains("nicknamed", StringComparison.Ordinal)
                && !slice.Contains("dubbed", StringComparison.Ordinal) && !slice.Contains("called", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in NicknamePattern().Matches(slice))
            {
                nicknames.TryAdd(Key(match.Groups["nick"].Value), match.Groups["name"].Value);
            }
        }

        return nicknames;
    }
}
