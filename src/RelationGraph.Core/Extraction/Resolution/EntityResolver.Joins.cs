using RelationGraph.Core.Extraction.Mentions;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Resolution;

// Joining a mention to an entity already filed: surnames and first names through a word index, short forms of
// organisation names, acronyms and their expansions, and names equal up to a legal suffix.
internal sealed partial class EntityResolver
{
    /// <summary>What <see cref="Join"/> answers when several entities fit equally: the mention names no one.</summary>
    private const int Ambiguous = -2;

    // The entity a single-word or short mention names: an entity index, -1 for none, or Ambiguous.
    private int Join(Mention mention, int m)
    {
        var key = Key(mention.Name);
        if (_nicknames.TryGetValue(key, out var fullName) && _byKey.TryGetValue((EntityKind.Person, Key(fullName)), out var nicknamed))
        {
            return nicknamed;
        }

        if (_byKey.TryGetValue((EntityKind.Organisation, key), out var org) && (mention.Kind != EntityKind.Person || mention.Strength == MentionStrength.Candidate))
        {
            return org;
        }

        _names.CatchUp();

        // Surname: the one person of the document with that surname; a family name with particles ("de Groot",
        // "Ó Briain") is looked up whole. Two people sharing it ("Irene Roe ... Imogen Roe ... Roe said") make a bare
        // "Roe" ambiguous: a guess would put the fact on the wrong one, so it names no one.
        var surnames = _names.PeopleWithLastWord(mention.Name);
        if (surnames.Count == 0)
        {
            surnames = _names.PeopleWithFamilyName(mention.Name);
        }

        if (surnames.Count == 1)
        {
            return surnames[0];
        }

        if (surnames.Count > 1)
        {
            // "Jane Roe" and "Jane A. Roe" are one person written two ways, not two namesakes
            var given = _entities[surnames[0]].Words[0];
            return surnames.All(s => string.Equals(_entities[s].Words[0], given, StringComparison.Ordinal)) ? MostRecent(surnames, m, _assignment) : Ambiguous;
        }

        var firstNameMatches = _names.PeopleWithFirstWord(mention.Name);
        if (firstNameMatches.Count == 1)
        {
            return firstNameMatches[0];
        }

        // "Meridian" for "Meridian Transit Systems": the first word of exactly one multi-word organisation.
        if (!(mention.SentenceInitial && mention.InHeading) && _names.OrganisationsWithFirstWord(mention.Name) is [var shortForm])
        {
            return shortForm;
        }

        return _byKey.TryGetValue((mention.Kind, key), out var same) ? same
            : _byKey.TryGetValue((mention.Kind == EntityKind.Person ? EntityKind.Organisation : EntityKind.Person, key), out var other) ? other
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
        // family names of several words, any case ("De Groot" opens a sentence)
        private readonly Dictionary<string, List<int>> _personFamily = new(StringComparer.OrdinalIgnoreCase);
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
                    if (words.Length >= 3)
                    {
                        // "Esther de Groot" → "de Groot", "Clodagh Ó Briain" → "Ó Briain": everything after the given name
                        Add(_personFamily, string.Join(' ', words, 1, words.Length - 1), _indexed);
                    }
                }
                else if (entity.Kind == EntityKind.Organisation && !entity.FixedName && !GenericFirstWords.Contains(words[0]))
                {
                    Add(_organisationFirst, words[0], _indexed);
                }
            }
        }

        public List<int> PeopleWithLastWord(string word) => _personLast.TryGetValue(word, out var list) ? list : [];

        public List<int> PeopleWithFamilyName(string name) => _personFamily.TryGetValue(name, out var list) ? list : [];

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
         "GmbH", "NV", "N.V.", "BV", "AB", "Oyj", "SE", "SpA", "Srl", "Pty", "LP", "Co", "Co.", "Company"];

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

        CompanyShortForms(entities, assignment, byKey, byCore);
    }

    // "Hollis Garnet Company ... Hollis Garnet will pay": a person's name that is a company's name without its legal form,
    // first used after the company was named, is the company's short form. Named first ("Jane Roe, owner of Jane Roe
    // Inc.") it stays a person.
    private static void CompanyShortForms(List<EntityDraft> entities, int[] assignment, Dictionary<(EntityKind, string), int> byKey, Dictionary<string, int> byCore)
    {
        var first = new int[entities.Count];
        Array.Fill(first, int.MaxValue);
        for (var m = assignment.Length - 1; m >= 0; m--)
        {
            if (assignment[m] >= 0)
            {
                first[assignment[m]] = m;
            }
        }

        for (var e = 0; e < entities.Count; e++)
        {
            var person = entities[e];
            if (person.Kind != EntityKind.Person || person.FixedName || first[e] == int.MaxValue
                || !byCore.TryGetValue(Key(person.Name), out var company) || entities[company].Words.Length <= person.Words.Length
                || first[company] > first[e])
            {
                continue;
            }

            for (var m = 0; m < assignment.Length; m++)
            {
                if (assignment[m] == e)
                {
                    assignment[m] = company;
                }
            }

            byKey.Remove((EntityKind.Person, Key(person.Name)));
            byKey[(EntityKind.Organisation, Key(person.Name))] = company;
        }
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
}
