using RelationGraph.Core.Paths;

namespace RelationGraph.Bench.PathQuality;

internal enum HopVerdict
{
    True,

    /// <summary>A node whose mentions print no true entity.</summary>
    UnmappedNode,

    /// <summary>No fact joins the two entities the nodes are, but one joins two others their mentions also print: a false junction carried it.</summary>
    WrongEntity,

    /// <summary>No fact joins the two entities, nor any two their mentions print.</summary>
    NoTrueFact,
}

internal enum LookupVerdict
{
    Found,
    NotFound,
    Ambiguous,

    /// <summary>Resolved to a node that is another true entity, or none.</summary>
    OtherEntity,
}

internal enum MissCause
{
    EndNotFound,
    EndAmbiguous,
    EndOtherEntity,
    NoPath,
    FalseHop,
}

internal sealed record NameLookup(int Entity, string Name, int Printed, LookupVerdict Verdict, EntityLookupResult Result);

internal sealed record HopCheck(PathHop Hop, int From, int To, HopVerdict Verdict);

/// <summary>One returned path: true hop by hop when every hop is true and it joins the two people asked about.</summary>
internal sealed record PathCheck(GraphPath Path, IReadOnlyList<HopCheck> Hops, bool WrongEnd)
{
    public bool True => !WrongEnd && Hops.All(h => h.Verdict == HopVerdict.True);
}

internal sealed record PairOutcome(int A, int B, string NameA, string NameB, List<(int Entity, int Fact)>? TruePath, PathAnswer Answer, IReadOnlyList<PathCheck> Paths)
{
    public bool Joined => TruePath is not null;

    public bool Answered => Paths.Count > 0;

    public bool Found => Paths.Any(p => p.True);

    /// <summary>Why a pair the true graph joins got no true path; null for the others.</summary>
    public MissCause? Miss => !Joined || Found ? null
        : Answer.From.NotFound || Answer.To.NotFound ? MissCause.EndNotFound
        : Answer.From.Ambiguous || Answer.To.Ambiguous ? MissCause.EndAmbiguous
        : EndsAreOthers ? MissCause.EndOtherEntity
        : Paths.Count == 0 ? MissCause.NoPath
        : MissCause.FalseHop;

    /// <summary>Set when either end resolved to a node that is not the person asked about.</summary>
    public bool EndsAreOthers { get; init; }
}

/// <summary>Asks the product about names and pairs of people and judges every answer against the truth.</summary>
internal sealed class PathScoring(Corpus corpus, NodeMapping mapping, TrueGraph truth, ProductUnderTest product)
{
    public const int MaxHops = 6;

    /// <summary>Every (true entity, printed full name) of people (reporters aside) or organisations, looked up as the API does.</summary>
    public async Task<List<NameLookup>> LookupNamesAsync(TrueKind kind)
    {
        var lookups = new List<NameLookup>();
        foreach (var entity in corpus.World.Entities.Where(e => e.Kind == kind && e is not TruePerson { Reporter: true }))
        {
            foreach (var (name, printed) in corpus.FullNames.GetValueOrDefault(entity.Id) ?? [])
            {
                var result = await product.Store.ResolveAsync(name);
                lookups.Add(new NameLookup(entity.Id, name, printed, Verdict(result, entity.Id), result));
            }
        }

        return lookups;
    }

    public async Task<List<PairOutcome>> AskPairsAsync(int pairs, int seed)
    {
        var random = new Random(seed);
        var people = corpus.World.People.Where(p => !p.Reporter && corpus.FullNames.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        var chosen = new HashSet<(int, int)>();
        var outcomes = new List<PairOutcome>();
        while (outcomes.Count < pairs && chosen.Count < people.Count * (people.Count - 1) / 2)
        {
            var (a, b) = (people[random.Next(people.Count)], people[random.Next(people.Count)]);
            if (a == b || !chosen.Add(a < b ? (a, b) : (b, a)))
            {
                continue;
            }

            var (nameA, nameB) = (corpus.PreferredFullName(a)!, corpus.PreferredFullName(b)!);
            var answer = await product.AskAsync(nameA, nameB, MaxHops);
            var checks = (answer.Result?.Paths ?? []).Select(p => Check(p, a, b)).ToList();
            var endsAreOthers = (answer.From.Entity is { } from && mapping.MappedEntity(from.Id) != a)
                || (answer.To.Entity is { } to && mapping.MappedEntity(to.Id) != b);
            outcomes.Add(new PairOutcome(a, b, nameA, nameB, truth.ShortestPath(a, b, MaxHops), answer, checks) { EndsAreOthers = endsAreOthers });
        }

        return outcomes;
    }

    private LookupVerdict Verdict(EntityLookupResult result, int entity) =>
        result.NotFound ? LookupVerdict.NotFound
        : result.Entity is null ? LookupVerdict.Ambiguous
        : mapping.MappedEntity(result.Entity.Id) == entity ? LookupVerdict.Found
        : LookupVerdict.OtherEntity;

    private PathCheck Check(GraphPath path, int a, int b)
    {
        foreach (var node in path.Nodes)
        {
            mapping.NodeOf(node);
        }

        var hops = path.Hops.Select(hop =>
        {
            var (from, to) = (mapping.MappedEntity(hop.From), mapping.MappedEntity(hop.To));
            var verdict = from < 0 || to < 0 ? HopVerdict.UnmappedNode
                : truth.Related(from, to) ? HopVerdict.True
                : mapping.Members(hop.From).Any(x => mapping.Members(hop.To).Any(y => truth.Related(x, y))) ? HopVerdict.WrongEntity
                : HopVerdict.NoTrueFact;
            return new HopCheck(hop, from, to, verdict);
        }).ToList();
        var wrongEnd = mapping.MappedEntity(path.Nodes[0].Id) != a || mapping.MappedEntity(path.Nodes[^1].Id) != b;
        return new PathCheck(path, hops, wrongEnd);
    }
}
