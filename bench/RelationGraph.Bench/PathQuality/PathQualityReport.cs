using System.Globalization;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Bench.PathQuality;

/// <summary>Prints the figures and the diagnostics that say what to fix, with a few examples of each failure.</summary>
internal sealed class PathQualityReport(Corpus corpus, NodeMapping mapping, IGraphStore store, TextWriter output, int examples)
{
    /// <summary>How many examples each diagnostic prints (<c>--examples</c>).</summary>
    private int Examples => examples;
    private readonly Dictionary<string, IReadOnlyList<Neighbour>> _neighbours = new(StringComparer.Ordinal);

    private World World => corpus.World;

    public void Table(List<PairOutcome> pairs, List<NameLookup> people, List<NameLookup> organisations)
    {
        var joined = pairs.Count(p => p.Joined);
        var found = pairs.Count(p => p.Joined && p.Found);
        var answered = pairs.Where(p => p.Answered).ToList();
        var clean = answered.Count(p => p.Paths.All(x => x.True));
        var paths = answered.SelectMany(p => p.Paths).ToList();
        Line("| measure | figure | target |");
        Line("|---|---|---|");
        Line($"| pairs of people asked | {pairs.Count} | |");
        Line($"| joined by the true graph within {PathScoring.MaxHops} hops | {joined} | |");
        Line($"| answered with at least one path | {answered.Count} | |");
        Line($"| **path recall** (joined pairs with a path true hop by hop) | **{Ratio(found, joined)}** ({found} / {joined}, {Margin(found, joined)}) | ≥ 0.70 |");
        Line($"| **hop precision** (answered pairs whose paths have no false hop) | **{Ratio(clean, answered.Count)}** ({clean} / {answered.Count}, {Margin(clean, answered.Count)}) | ≥ 0.95 |");
        Line($"| hop precision per path | {Ratio(paths.Count(p => p.True), paths.Count)} ({paths.Count(p => p.True)} / {paths.Count}) | |");
        Line($"| **names found**, people (person, printed full name) | {Names(people)} | ≥ 98% |");
        Line($"| names found, organisations | {Names(organisations)} | |");
    }

    public async Task DiagnosticsAsync(List<PairOutcome> pairs, List<NameLookup> people, List<NameLookup> organisations)
    {
        var nodes = mapping.Nodes.Values.ToList();
        Line();
        Line($"store: {nodes.Count} nodes with mentions ({string.Join(", ", EntityKinds.All.Select(k => $"{k} {nodes.Count(n => n.Summary.Kind == k)}"))}); " +
            $"{mapping.MentionCount} mentions, {mapping.UnmatchedMentions} on no printed entity, {mapping.OffsetMismatches} whose text differs from the document's at their code-point offsets; " +
            $"{mapping.MissingDocuments} documents missing");
        string Stored(TrueKind kind) =>
            $"{World.Entities.Count(e => e.Kind == kind && e is not TruePerson { Reporter: true } && mapping.NodesOf.ContainsKey(e.Id))} of " +
            $"{World.Entities.Count(e => e.Kind == kind && e is not TruePerson { Reporter: true })}";
        Line($"true entities with a stored mention: people {Stored(TrueKind.Person)}, organisations {Stored(TrueKind.Organisation)}, contracts {Stored(TrueKind.Contract)}, " +
            $"investigations {Stored(TrueKind.Investigation)}; {corpus.PrintedFacts.Count} of {World.Facts.Count} facts stated");

        await FactsAsync();

        var unmapped = nodes.Where(n => n.Mapped < 0).OrderByDescending(n => n.Unmatched).ToList();
        Line($"unmapped nodes (no mention prints a true entity): {unmapped.Count}, {unmapped.Sum(n => n.Unmatched)} mentions");
        foreach (var node in unmapped.Take(Examples))
        {
            Example($"{Node(node.Summary.Id)}, {node.Unmatched} mentions: {Sentence(node.UnmatchedSample)}");
        }

        var printedPeople = World.People.Where(p => !p.Reporter && mapping.NodesOf.ContainsKey(p.Id)).ToList();
        var split = printedPeople.Where(p => mapping.NodesOf[p.Id].Count >= 2).OrderByDescending(p => mapping.NodesOf[p.Id].Count).ThenBy(p => p.Id).ToList();
        var splitMapped = printedPeople.Count(p => mapping.NodesOf[p.Id].Keys.Count(n => mapping.MappedEntity(n) == p.Id) >= 2);
        Line($"true people split over several nodes: {split.Count} of {printedPeople.Count} ({splitMapped} with two or more nodes that are theirs)");
        foreach (var person in split.Take(Examples))
        {
            Example($"\"{person.Name}\": {string.Join(", ", mapping.NodesOf[person.Id].OrderByDescending(n => n.Value).Take(4).Select(n => $"{Node(n.Key)} ({n.Value})"))}");
        }

        var junctions = nodes.Where(n => n.IsJunction).ToList();
        var byKinds = junctions.GroupBy(JunctionKinds).OrderByDescending(g => g.Count()).ToList();
        Line($"nodes merging several true entities: {junctions.Count} ({string.Join(", ", byKinds.Select(g => $"{g.Key} {g.Count()}"))})");
        foreach (var group in byKinds.Take(4))
        {
            var node = group.OrderByDescending(n => n.Matched).First();
            var top = node.Entities.OrderByDescending(e => e.Value).Take(3).ToList();
            Example($"{Node(node.Summary.Id)}: {string.Join(", ", top.Select(e => $"{World[e.Key].Name} ({e.Value})"))}; {Sentence(node.Samples[top[1].Key])}");
        }

        var surnames = World.People.Select(p => NameKey.Normalise(p.Surname)).ToHashSet(StringComparer.Ordinal);
        var fullNames = World.People.Select(p => NameKey.Normalise(p.FullName(false))).ToHashSet(StringComparer.Ordinal);
        var surnameNodes = nodes.Where(n => n.Summary.Kind is EntityKind.Person or EntityKind.Organisation)
            .Where(n => surnames.Contains(NameKey.Normalise(n.Summary.Name)) && !fullNames.Contains(NameKey.Normalise(n.Summary.Name)))
            .OrderByDescending(n => n.Matched).ToList();
        Line($"surname-only nodes: {surnameNodes.Count} ({surnameNodes.Sum(n => n.Matched)} mentions; {surnameNodes.Count(n => n.Entities.Count >= 2)} hold mentions of two or more true entities)");
        foreach (var node in surnameNodes.Take(Examples))
        {
            Example($"{Node(node.Summary.Id)}: {string.Join(", ", node.Entities.OrderByDescending(e => e.Value).Take(3).Select(e => $"{World[e.Key].Name} ({e.Value})"))}");
        }

        TypeConflicts(printedPeople);
        FalseHops(pairs);
        await MissesAsync(pairs);
        LookupFailures("people", people);
        LookupFailures("organisations", organisations);
    }

    // Extraction at graph level: which stated true facts the store holds (any stored fact between nodes that are the two
    // entities), and which stored facts are true.
    private async Task FactsAsync()
    {
        var stored = new List<FactSummary>();
        await foreach (var item in store.ExportAsync())
        {
            if (item.Fact is { } fact)
            {
                stored.Add(fact);
            }
        }

        var truth = new TrueGraph(corpus);
        var held = new HashSet<(int, int)>();
        var verdicts = new List<(RelationType Type, HopVerdict Verdict)>();
        foreach (var fact in stored)
        {
            var (a, b) = (mapping.MappedEntity(fact.SubjectId), mapping.MappedEntity(fact.ObjectId));
            held.Add(a < b ? (a, b) : (b, a));
            verdicts.Add((fact.Type, a < 0 || b < 0 ? HopVerdict.UnmappedNode : truth.Related(a, b) ? HopVerdict.True : HopVerdict.NoTrueFact));
        }

        var stated = World.Facts.Where(f => corpus.PrintedFacts.Contains(f.Index)).ToList();
        bool Held(TrueFact f) => held.Contains(f.Subject < f.Object ? (f.Subject, f.Object) : (f.Object, f.Subject));
        Line($"stated true facts the store holds (a stored fact between nodes that are its two entities): {Ratio(stated.Count(Held), stated.Count)} ({stated.Count(Held)} / {stated.Count}); " +
            string.Join(", ", stated.GroupBy(f => f.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Key.ToWireName()} {Ratio(g.Count(Held), g.Count())}")));
        Line($"stored facts that are true: {Ratio(verdicts.Count(v => v.Verdict == HopVerdict.True), verdicts.Count)} of {verdicts.Count} " +
            $"({verdicts.Count(v => v.Verdict == HopVerdict.NoTrueFact)} join entities with no true fact, {verdicts.Count(v => v.Verdict == HopVerdict.UnmappedNode)} touch an unmapped node); " +
            string.Join(", ", verdicts.GroupBy(v => v.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Key.ToWireName()} {Ratio(g.Count(v => v.Verdict == HopVerdict.True), g.Count())} of {g.Count()}")));
    }

    private void TypeConflicts(List<TruePerson> printedPeople)
    {
        var asOrganisation = printedPeople.Where(p => mapping.NodesOf[p.Id].Keys.Any(n => mapping.Nodes[n].Summary.Kind == EntityKind.Organisation)).ToList();
        var both = asOrganisation.Count(p => mapping.NodesOf[p.Id].Keys.Any(n => mapping.Nodes[n].Summary.Kind == EntityKind.Person));
        var orgsAsPeople = World.Organisations.Where(o => mapping.NodesOf.TryGetValue(o.Id, out var n) && n.Keys.Any(id => mapping.Nodes[id].Summary.Kind == EntityKind.Person)).ToList();
        Line($"Person/Organisation type conflicts: {asOrganisation.Count} true people have mentions in Organisation nodes ({both} of them also in Person nodes); " +
            $"{orgsAsPeople.Count} organisations have mentions in Person nodes");
        foreach (var (entity, kind) in asOrganisation.Take(Examples).Select(p => ((TrueEntity)p, EntityKind.Organisation))
            .Concat(orgsAsPeople.Take(Examples).Select(o => ((TrueEntity)o, EntityKind.Person))))
        {
            var node = mapping.NodesOf[entity.Id].Keys.Select(n => mapping.Nodes[n]).Where(n => n.Summary.Kind == kind).OrderByDescending(n => n.Entities[entity.Id]).First();
            Example($"\"{entity.Name}\" in {Node(node.Summary.Id)} ({node.Entities[entity.Id]} mentions): {Sentence(node.Samples[entity.Id])}");
        }
    }

    private void FalseHops(List<PairOutcome> pairs)
    {
        var hops = pairs.SelectMany(p => p.Paths).SelectMany(p => p.Hops).Where(h => h.Verdict != HopVerdict.True).ToList();
        var distinct = hops.DistinctBy(h => h.Hop.Fact.FactKey).ToList();
        Line($"false hops in returned paths: {hops.Count} ({distinct.Count} distinct facts): " +
            string.Join(", ", Enum.GetValues<HopVerdict>().Skip(1).Select(v => $"{Label(v)} {hops.Count(h => h.Verdict == v)}")));
        foreach (var group in distinct.GroupBy(h => h.Verdict).OrderBy(g => g.Key))
        {
            foreach (var hop in group.Take(Examples))
            {
                var evidence = hop.Hop.Evidence.Count > 0 ? hop.Hop.Evidence[0] : null;
                var quote = evidence is null ? "" : $"; evidence ({evidence.Extractor}): \"{Clip(evidence.Quote)}\"";
                Example($"[{Label(hop.Verdict)}] {Node(hop.Hop.Fact.SubjectId)}{Is(hop.Hop.Fact.SubjectId)} -{hop.Hop.Fact.Type.ToWireName()}-> " +
                    $"{Node(hop.Hop.Fact.ObjectId)}{Is(hop.Hop.Fact.ObjectId)}{quote}");
            }
        }
    }

    private async Task MissesAsync(List<PairOutcome> pairs)
    {
        var misses = pairs.Where(p => p.Miss is not null).ToList();
        Line($"misses (joined pairs without a true path): {misses.Count}: " +
            string.Join(", ", Enum.GetValues<MissCause>().Select(c => $"{Label(c)} {misses.Count(m => m.Miss == c)}")));
        foreach (var group in misses.GroupBy(m => m.Miss!.Value).OrderBy(g => g.Key))
        {
            foreach (var miss in group.Take(Examples))
            {
                Example($"[{Label(group.Key)}] \"{miss.NameA}\" to \"{miss.NameB}\": {await ExplainAsync(miss)}");
            }
        }

        // which true facts the product lacks where it found no path at all: the first missing hop of each true path
        var lacking = new Dictionary<RelationType, int>();
        foreach (var miss in misses.Where(m => m.Miss == MissCause.NoPath))
        {
            if (await FirstMissingHopAsync(miss.TruePath!) is { } hop)
            {
                lacking[World.Facts[hop].Type] = lacking.GetValueOrDefault(World.Facts[hop].Type) + 1;
            }
        }

        Line($"no path: the first true hop the store lacks, by fact type: {string.Join(", ", lacking.OrderByDescending(l => l.Value).Select(l => $"{l.Key.ToWireName()} {l.Value}"))}");
    }

    private async Task<string> ExplainAsync(PairOutcome miss)
    {
        switch (miss.Miss)
        {
            case MissCause.EndNotFound:
                var (lost, name) = miss.Answer.From.NotFound ? (miss.A, miss.NameA) : (miss.B, miss.NameB);
                return $"\"{name}\" answers 404; stored mentions of {(World[lost] is TruePerson { Female: true } ? "her" : "him")}: {Holders(lost)}";
            case MissCause.EndAmbiguous:
                var lookup = miss.Answer.From.Ambiguous ? miss.Answer.From : miss.Answer.To;
                return $"409 between {string.Join(", ", lookup.Candidates.Take(4).Select(c => Node(c.Id)))}";
            case MissCause.EndOtherEntity:
                var wrong = miss.Answer.From.Entity is { } f && mapping.MappedEntity(f.Id) != miss.A ? f : miss.Answer.To.Entity!;
                var other = mapping.MappedEntity(wrong.Id);
                return $"resolves to {Node(wrong.Id)}, which is {(other < 0 ? "no true entity" : $"\"{World[other].Name}\"")}";
            case MissCause.NoPath:
                var missing = await FirstMissingHopAsync(miss.TruePath!);
                var fact = missing is { } m ? World.Facts[m] : null;
                return $"true path {TruePath(miss.TruePath!)}; the store has no edge for {(fact is null ? "?" : $"{World[fact.Subject].Name} -{fact.Type.ToWireName()}-> {World[fact.Object].Name}")}";
            default:
                var path = miss.Paths[0];
                return $"returned {string.Join(" ", path.Path.Nodes.Select((n, i) => (i == 0 ? "" : $"-{path.Hops[i - 1].Hop.Fact.Type.ToWireName()}[{Label(path.Hops[i - 1].Verdict)}]- ") + Node(n.Id)))}";
        }
    }

    // The first hop of a true path with no stored fact between a node that is one end and a node that is the other.
    private async Task<int?> FirstMissingHopAsync(List<(int Entity, int Fact)> path)
    {
        for (var i = 1; i < path.Count; i++)
        {
            var (from, to) = (path[i - 1].Entity, path[i].Entity);
            var joined = false;
            foreach (var node in (mapping.NodesOf.GetValueOrDefault(from) ?? []).Keys.Where(n => mapping.MappedEntity(n) == from))
            {
                if (!_neighbours.TryGetValue(node, out var neighbours))
                {
                    neighbours = await store.GetNeighboursAsync(node, PathFilter.None, 10_000);
                    _neighbours[node] = neighbours;
                }

                joined |= neighbours.Any(n => mapping.MappedEntity(n.Entity.Id) == to);
            }

            if (!joined)
            {
                return path[i].Fact;
            }
        }

        return null;
    }

    private void LookupFailures(string what, List<NameLookup> lookups)
    {
        foreach (var verdict in new[] { LookupVerdict.NotFound, LookupVerdict.Ambiguous, LookupVerdict.OtherEntity })
        {
            var failed = lookups.Where(l => l.Verdict == verdict).OrderByDescending(l => l.Printed).ToList();
            if (failed.Count == 0)
            {
                continue;
            }

            Line($"names of {what} {Label(verdict)}: {failed.Count}");
            foreach (var lookup in failed.Take(Examples))
            {
                var answer = verdict switch
                {
                    LookupVerdict.NotFound => $"stored mentions: {Holders(lookup.Entity)}",
                    LookupVerdict.Ambiguous => $"candidates {string.Join(", ", lookup.Result.Candidates.Take(4).Select(c => Node(c.Id)))}",
                    _ => $"resolves to {Node(lookup.Result.Entity!.Id)}",
                };
                Example($"\"{lookup.Name}\" (printed {lookup.Printed}×): {answer}");
            }
        }
    }

    private string Holders(int entity) => mapping.NodesOf.TryGetValue(entity, out var nodes)
        ? string.Join(", ", nodes.OrderByDescending(n => n.Value).Take(3).Select(n => $"{Node(n.Key)} ({n.Value})"))
        : "none";

    private string TruePath(List<(int Entity, int Fact)> path) =>
        string.Join(" ", path.Select((step, i) => (i == 0 ? "" : $"-{World.Facts[step.Fact].Type.ToWireName()}- ") + $"\"{Short(World[step.Entity].Name)}\""));

    private string JunctionKinds(StoredNode node)
    {
        var kinds = node.Entities.OrderByDescending(e => e.Value).Take(2).Select(e => World[e.Key].Kind.ToString()).Order(StringComparer.Ordinal);
        return string.Join("+", kinds);
    }

    // which true entity a node is, when its name does not say: " (is "Eoin Ó Dálaigh")"
    private string Is(string id)
    {
        var entity = mapping.MappedEntity(id);
        return entity < 0 ? " (no true entity)"
            : string.Equals(NameKey.Normalise(World[entity].Name), NameKey.Normalise(mapping.Nodes[id].Summary.Name), StringComparison.Ordinal) ? ""
            : $" (is \"{Short(World[entity].Name)}\")";
    }

    private string Node(string id)
    {
        var node = mapping.Nodes.GetValueOrDefault(id);
        return node is null ? id : $"{node.Summary.Kind} \"{Short(node.Summary.Name)}\"";
    }

    private string Sentence(MentionSample? sample)
    {
        if (sample is null)
        {
            return "";
        }

        var article = corpus.Articles[sample.Article];
        var (start, end) = article.Sentences.FirstOrDefault(s => s.Start <= sample.Start && sample.Start < s.End, (sample.Start, sample.End));
        var from = ArticleText.Utf16Index(article.Text, start);
        return $"\"{Clip(article.Text[from..ArticleText.Utf16Index(article.Text, end)])}\" ({article.FileName})";
    }

    private static string Names(List<NameLookup> lookups) =>
        $"{Share(lookups, LookupVerdict.Found)} of {lookups.Count}; 404 {Share(lookups, LookupVerdict.NotFound)}, 409 {Share(lookups, LookupVerdict.Ambiguous)}, " +
        $"another entity {Share(lookups, LookupVerdict.OtherEntity)}";

    private static string Share(List<NameLookup> lookups, LookupVerdict verdict) =>
        lookups.Count == 0 ? "-" : (lookups.Count(l => l.Verdict == verdict) / (double)lookups.Count).ToString("P1", CultureInfo.InvariantCulture);

    private static string Ratio(int part, int whole) => whole == 0 ? "-" : (part / (double)whole).ToString("0.00", CultureInfo.InvariantCulture);

    // the sampling error of a share over this many pairs (95%, normal approximation): another seed moves it about this much
    private static string Margin(int part, int whole) => whole == 0 ? "±-"
        : "±" + (1.96 * Math.Sqrt(part / (double)whole * (1 - (part / (double)whole)) / whole)).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Short(string name) => name.Length <= 60 ? name : name[..57] + "...";

    private static string Clip(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 220 ? flat : flat[..217] + "...";
    }

    private static string Label(HopVerdict verdict) => verdict switch
    {
        HopVerdict.UnmappedNode => "unmapped node",
        HopVerdict.WrongEntity => "wrong entity",
        HopVerdict.NoTrueFact => "no true fact",
        _ => "true",
    };

    private static string Label(MissCause cause) => cause switch
    {
        MissCause.EndNotFound => "end not found",
        MissCause.EndAmbiguous => "end ambiguous",
        MissCause.EndOtherEntity => "end is another entity",
        MissCause.NoPath => "no path",
        _ => "only paths with a false hop",
    };

    private static string Label(LookupVerdict verdict) => verdict switch
    {
        LookupVerdict.NotFound => "not found (404)",
        LookupVerdict.Ambiguous => "ambiguous (409)",
        LookupVerdict.OtherEntity => "resolved to another entity",
        _ => "found",
    };

    private void Example(string text) => output.WriteLine("    e.g. " + text);

    private void Line(string text = "") => output.WriteLine(text);
}
