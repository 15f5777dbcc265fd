using System.Collections.Frozen;

namespace RelationGraph.Core.Extraction;

/// <summary>Role class of a title: which relation, if any, it implies between a person and an organisation.</summary>
internal enum RoleClass
{
    Honorific,
    Head,
    Owner,
    Member,
    Staff,
}

/// <summary>
/// The word lists the rule-based extractor reads, loaded once from embedded resources (Lexicons/*.txt).
/// Each file states its source and licence in its header.
/// </summary>
internal sealed class Lexicon
{
    private static readonly Lazy<Lexicon> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private Lexicon(
        FrozenSet<string> givenNames,
        FrozenSet<string> places,
        FrozenSet<string> orgCues,
        FrozenDictionary<string, RoleClass> titles,
        FrozenSet<string> acronymStoplist,
        FrozenSet<string> notEntities,
        FrozenDictionary<string, string> organisations,
        FrozenDictionary<string, string> organisationForms,
        FrozenSet<string> boilerplateLines,
        IReadOnlyList<string> boilerplatePrefixes,
        IReadOnlyList<string> boilerplateSuffixes,
        FrozenSet<string> commonWords,
        FrozenSet<string> nonEntityHeads,
        FrozenSet<string> familyParticles,
        FrozenSet<string> runParticles)
    {
        _contextWords = LoadSections("context-words.txt");
        CommonWords = commonWords;
        NonEntityHeads = nonEntityHeads;
        FamilyParticles = familyParticles;
        RunParticles = runParticles;
        GivenNames = givenNames;
        TitleFirstWords = titles.Keys.Select(t => t.Split(' ')[0].TrimEnd('.')).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        OrganisationForms = organisationForms;
        Places = places;
        OrgCues = orgCues;
        Titles = titles;
        AcronymStoplist = acronymStoplist;
        NotEntities = notEntities;
        Organisations = organisations;
        BoilerplateLines = boilerplateLines;
        BoilerplatePrefixes = boilerplatePrefixes;
        BoilerplateSuffixes = boilerplateSuffixes;
    }

    /// <summary>The lexicon shared by every extractor instance.</summary>
    public static Lexicon Instance => Shared.Value;

    /// <summary>Given names, exact case ("Maria").</summary>
    public FrozenSet<string> GivenNames { get; }

    /// <summary>A section of context-words.txt: the words around a name that say what it names ("person-possessed", ...).</summary>
    public FrozenSet<string> ContextWords(string section) =>
        _contextWords.TryGetValue(section, out var words) ? words : throw new InvalidOperationException($"context-words.txt has no section [{section}]");

    /// <summary>Common lower-case English words (SCOWL): a phrase of only these is not a person's name.</summary>
    public FrozenSet<string> CommonWords { get; }

    /// <summary>Head words of laws, programmes and places ("Act", "County"): such a phrase is no entity unless an organisation cue says so.</summary>
    public FrozenSet<string> NonEntityHeads { get; }

    /// <summary>Particles that begin a family name ("de", "van", "ó", "al"), matched in any case.</summary>
    public FrozenSet<string> FamilyParticles { get; }

    /// <summary>The family-name particles also written in lower case inside a full name ("de", "van der"), lower case.</summary>
    public FrozenSet<string> RunParticles { get; }

    /// <summary>Places (countries, capitals, states, cities, regions), lower case.</summary>
    public FrozenSet<string> Places { get; }

    /// <summary>Words that make a capitalised name an organisation, exact case.</summary>
    public FrozenSet<string> OrgCues { get; }

    /// <summary>Titles (lower case, may hold spaces) and their role class.</summary>
    public FrozenDictionary<string, RoleClass> Titles { get; }

    /// <summary>All-caps words that are not organisations.</summary>
    public FrozenSet<string> AcronymStoplist { get; }

    /// <summary>Capitalised phrases that are never entities, lower case.</summary>
    public FrozenSet<string> NotEntities { get; }

    /// <summary>Known organisations: normalised name or alias → canonical name.</summary>
    public FrozenDictionary<string, string> Organisations { get; }

    /// <summary>First words of titles, any case; most words are not, so title lookups stop early.</summary>
    public FrozenSet<string> TitleFirstWords { get; }

    /// <summary>Known organisations by verbatim form (exact case) → canonical name; a cheap first lookup.</summary>
    public FrozenDictionary<string, string> OrganisationForms { get; }

    /// <summary>Whole boilerplate lines, lower case.</summary>
    public FrozenSet<string> BoilerplateLines { get; }

    /// <summary>Prefixes that make a line boilerplate, lower case.</summary>
    public IReadOnlyList<string> BoilerplatePrefixes { get; }

    /// <summary>Suffixes that make a line boilerplate, lower case.</summary>
    public IReadOnlyList<string> BoilerplateSuffixes { get; }

    /// <summary>True when a trimmed, bullet-free line is navigation, share links, credits or similar.</summary>
    public bool IsBoilerplateLine(string line)
    {
        var lower = line.Trim().ToLowerInvariant();
        if (BoilerplateLines.Contains(lower))
        {
            return true;
        }

        foreach (var prefix in BoilerplatePrefixes)
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var suffix in BoilerplateSuffixes)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal) && lower.Length < suffix.Length + 8)
            {
                return true;
            }
        }

        return false;
    }

    private static Lexicon Load()
    {
        var titles = new Dictionary<string, RoleClass>(StringComparer.Ordinal);
        foreach (var line in ReadLines("titles.txt"))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && Enum.TryParse<RoleClass>(parts[1].Trim(), ignoreCase: true, out var role))
            {
                titles[parts[0].Trim().ToLowerInvariant()] = role;
            }
        }

        var organisations = new Dictionary<string, string>(StringComparer.Ordinal);
        var organisationForms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in ReadLines("organisations.txt"))
        {
            var forms = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (forms.Length == 0)
            {
                continue;
            }

            foreach (var form in forms)
            {
                organisations.TryAdd(Model.NameKey.Normalise(form), forms[0]);
                organisationForms.TryAdd(form, forms[0]);
            }
        }

        var particles = ReadLines("name-particles.txt").Select(line => line.Split('\t', StringSplitOptions.TrimEntries)).ToList();

        var boilerplateLines = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        var suffixes = new List<string>();
        foreach (var line in ReadLines("boilerplate.txt"))
        {
            var entry = line.Trim().ToLowerInvariant();
            if (entry.EndsWith('*'))
            {
                prefixes.Add(entry[..^1]);
            }
            else if (entry.StartsWith('*'))
            {
                suffixes.Add(entry[1..]);
            }
            else
            {
                boilerplateLines.Add(entry);
            }
        }

        return new Lexicon(
            ReadLines("given-names.txt").Concat(ReadLines("given-names-international.txt")).ToFrozenSet(StringComparer.Ordinal),
            ReadLines("places.txt").Select(p => p.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal),
            ReadLines("org-cues.txt").ToFrozenSet(StringComparer.Ordinal),
            titles.ToFrozenDictionary(StringComparer.Ordinal),
            ReadLines("acronym-stoplist.txt").ToFrozenSet(StringComparer.Ordinal),
            ReadLines("not-entities.txt").Select(p => p.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal),
            organisations.ToFrozenDictionary(StringComparer.Ordinal),
            organisationForms.ToFrozenDictionary(StringComparer.Ordinal),
            boilerplateLines.ToFrozenSet(StringComparer.Ordinal),
            prefixes,
            suffixes,
            ReadLines("common-words.txt").ToFrozenSet(StringComparer.Ordinal),
            ReadLines("non-entity-heads.txt").ToFrozenSet(StringComparer.Ordinal),
            particles.Select(p => p[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            particles.Where(p => p is [_, "run"]).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal));
    }

    private readonly FrozenDictionary<string, FrozenSet<string>> _contextWords;

    // "[section]" lines start a section; the lines after it are its words.
    private static FrozenDictionary<string, FrozenSet<string>> LoadSections(string file)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in ReadLines(file))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                sections[line[1..^1]] = current = [];
            }
            else
            {
                current?.Add(line.Trim());
            }
        }

        return sections.ToFrozenDictionary(s => s.Key, s => s.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    internal static List<string> ReadLines(string file)
    {
        var assembly = typeof(Lexicon).Assembly;
        using var stream = assembly.GetManifestResourceStream("RelationGraph.Lexicons." + file)
            ?? throw new InvalidOperationException($"embedded lexicon {file} is missing");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                lines.Add(trimmed);
            }
        }

        return lines;
    }
}
