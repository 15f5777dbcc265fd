using System.Globalization;
using System.Text;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;

namespace RelationGraph.Bench.Synthetic;

/// <summary>
/// A deterministic synthetic graph shaped like ours: Person 40%, Organisation 40%, Contract 12%,
/// Investigation 8%; heavy-tailed degrees (Chung–Lu with power-law weights, exponent 2.5); average
/// degree about 6; fact types consistent with the endpoint kinds. Same seed, same graph.
/// </summary>
/// <remarks>
/// Facts are held as parallel arrays (no strings) so a million entities fit easily; ids and fact keys
/// are the real <see cref="StableId"/> ones, computed on demand and cached.
/// </remarks>
public sealed class SyntheticGraph
{
    private static readonly DateTimeOffset FirstDay = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly RelationType[] PersonToOrganisation =
        [RelationType.EmployedBy, RelationType.Leads, RelationType.MemberOf, RelationType.Owns, RelationType.Funds, RelationType.AssociatedWith];

    private static readonly RelationType[] OrganisationToOrganisation =
        [RelationType.Owns, RelationType.ContractsWith, RelationType.Funds, RelationType.AssociatedWith, RelationType.CommunicatesWith];

    private static readonly RelationType[] BetweenPeopleOrOrganisations =
        [RelationType.Funds, RelationType.AssociatedWith, RelationType.CommunicatesWith];

    private string[]? _ids;

    private SyntheticGraph(EntityKind[] kinds, int[] subjects, int[] objects, RelationType[] types, float[] confidences, int[] docCounts, int[] reportedDays)
    {
        Kinds = kinds;
        Subjects = subjects;
        Objects = objects;
        Types = types;
        Confidences = confidences;
        DocCounts = docCounts;
        ReportedDays = reportedDays;
    }

    public EntityKind[] Kinds { get; }

    public int[] Subjects { get; }

    public int[] Objects { get; }

    public RelationType[] Types { get; }

    public float[] Confidences { get; }

    public int[] DocCounts { get; }

    /// <summary>Days after 2015-01-01 the fact was first reported.</summary>
    public int[] ReportedDays { get; }

    public int EntityCount => Kinds.Length;

    public int FactCount => Subjects.Length;

    public static SyntheticGraph Generate(int entities, int seed = 20261128, double averageDegree = 6.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entities, 10);
        var random = new Random(seed);
        var kinds = new EntityKind[entities];
        for (var i = 0; i < entities; i++)
        {
            var u = random.NextDouble();
            kinds[i] = u < 0.40 ? EntityKind.Person : u < 0.80 ? EntityKind.Organisation : u < 0.92 ? EntityKind.Contract : EntityKind.Investigation;
        }

        // Chung–Lu: endpoint i drawn with probability ∝ (i + 10)^(-1/(β-1)), β = 2.5 → a few hubs, many leaves.
        var cumulative = new double[entities];
        var total = 0.0;
        for (var i = 0; i < entities; i++)
        {
            total += Math.Pow(i + 10, -1.0 / 1.5);
            cumulative[i] = total;
        }

        var factTarget = (int)(entities * averageDegree / 2);
        var subjects = new List<int>(factTarget);
        var objects = new List<int>(factTarget);
        var types = new List<RelationType>(factTarget);
        var seen = new HashSet<long>(factTarget);
        var attempts = 0;
        while (subjects.Count < factTarget && attempts++ < factTarget * 4)
        {
            var a = Sample(cumulative, total, random);
            var b = Sample(cumulative, total, random);
            if (a == b || !TryType(kinds, ref a, ref b, random, out var type))
            {
                continue;
            }

            var key = ((long)Math.Min(a, b) * entities + Math.Max(a, b)) * 16 + (int)type;
            if (!seen.Add(key))
            {
                continue;
            }

            subjects.Add(a);
            objects.Add(b);
            types.Add(type);
        }

        var count = subjects.Count;
        var confidences = new float[count];
        var docCounts = new int[count];
        var reported = new int[count];
        for (var f = 0; f < count; f++)
        {
            confidences[f] = (float)(0.5 + (random.NextDouble() * 0.5));
            var docs = 1;
            while (docs < 5 && random.NextDouble() < 0.3)
            {
                docs++;
            }

            docCounts[f] = docs;
            reported[f] = random.Next(3650);
        }

        return new SyntheticGraph(kinds, [.. subjects], [.. objects], [.. types], confidences, docCounts, reported);
    }

    public string EntityName(int entity) => string.Create(CultureInfo.InvariantCulture, $"{Kinds[entity]} {entity:D7}");

    public string EntityId(int entity)
    {
        _ids ??= BuildIds();
        return _ids[entity];
    }

    public string FactKey(int fact) => StableId.Fact(Types[fact], EntityId(Subjects[fact]), EntityId(Objects[fact]));

    public DateTimeOffset Reported(int fact) => FirstDay.AddDays(ReportedDays[fact]);

    public IEnumerable<IndexedEntity> IndexedEntities()
    {
        for (var i = 0; i < EntityCount; i++)
        {
            yield return new IndexedEntity(EntityId(i), Kinds[i]);
        }
    }

    public IEnumerable<IndexedFact> IndexedFacts()
    {
        for (var f = 0; f < FactCount; f++)
        {
            yield return new IndexedFact(FactKey(f), Types[f], EntityId(Subjects[f]), EntityId(Objects[f]), Confidences[f], DocCounts[f], Reported(f));
        }
    }

    /// <summary>
    /// Synthetic documents carrying the graph: each fact is stated in its home document and, when it has
    /// more than one supporting document, again in the next ones; each document mentions its entities once.
    /// </summary>
    public IEnumerable<DocumentGraph> Documents(int factsPerDocument = 100)
    {
        var documentCount = Math.Max(1, (FactCount + factsPerDocument - 1) / factsPerDocument);
        var extra = new List<int>[documentCount];
        for (var f = 0; f < FactCount; f++)
        {
            var home = f / factsPerDocument;
            for (var j = 1; j < DocCounts[f]; j++)
            {
                var other = (home + (j * 7)) % documentCount;
                (extra[other] ??= []).Add(f);
            }
        }

        for (var d = 0; d < documentCount; d++)
        {
            var facts = Enumerable.Range(d * factsPerDocument, Math.Min(factsPerDocument, FactCount - (d * factsPerDocument)));
            yield return Document(d, [.. facts.Concat(extra[d] ?? []).Distinct()]);
        }
    }

    private DocumentGraph Document(int number, IReadOnlyList<int> facts)
    {
        var source = string.Create(CultureInfo.InvariantCulture, $"synthetic/doc-{number:D7}.txt");
        var documentId = StableId.Document(source);
        var text = new StringBuilder(facts.Count * 60);
        var entities = new Dictionary<int, ExtractedEntity>();
        var mentions = new List<MentionRecord>();
        var factRecords = new List<FactRecord>(facts.Count);
        var evidence = new List<EvidenceRecord>(facts.Count);
        foreach (var f in facts)
        {
            var subject = Subjects[f];
            var obj = Objects[f];
            var start = text.Length;
            var subjectName = EntityName(subject);
            var objectName = EntityName(obj);
            text.Append(subjectName).Append(' ').Append(Types[f].ToWireName()).Append(' ').Append(objectName).Append(" [1].");
            var end = text.Length;
            text.Append(' ');
            Mention(subject, start, subjectName);
            Mention(obj, end - objectName.Length - 5, objectName);
            var key = FactKey(f);
            factRecords.Add(new FactRecord(key, Types[f], EntityId(subject), EntityId(obj)).InKeyOrder());
            evidence.Add(new EvidenceRecord(StableId.Evidence(key, documentId, start, end), key, documentId, start, end,
                text.ToString(start, end - start), ["[1]"], "synthetic", Confidences[f]));
        }

        var content = text.ToString();
        var document = new SourceDocument
        {
            Id = documentId,
            SourceUri = source,
            Text = content,
            ContentHash = StableId.ContentHash(content),
            Title = "Synthetic document " + number.ToString(CultureInfo.InvariantCulture),
            PublishedAt = FirstDay.AddDays(number % 3650),
        };
        return new DocumentGraph(document, "synthetic-1", [.. entities.Values], mentions, factRecords, evidence);

        void Mention(int entity, int start, string name)
        {
            if (entities.TryAdd(entity, new ExtractedEntity(EntityId(entity), Kinds[entity], name, [])))
            {
                mentions.Add(new MentionRecord(StableId.Mention(documentId, start, start + name.Length, EntityId(entity)), documentId,
                    EntityId(entity), start, start + name.Length, name, 0));
            }
        }
    }

    private string[] BuildIds()
    {
        var ids = new string[EntityCount];
        Parallel.For(0, EntityCount, i => ids[i] = StableId.Entity(Kinds[i], EntityName(i)));
        return ids;
    }

    private static int Sample(double[] cumulative, double total, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    // Picks a type the two kinds allow, swapping the ends when only the reverse reads as a sentence.
    private static bool TryType(EntityKind[] kinds, ref int subject, ref int obj, Random random, out RelationType type)
    {
        var s = kinds[subject];
        var o = kinds[obj];
        type = RelationType.AwardedBy;
        if (s == EntityKind.Contract && o == EntityKind.Organisation)
        {
            return true;
        }

        var actor = s is EntityKind.Person or EntityKind.Organisation;
        var target = o is EntityKind.Person or EntityKind.Organisation;
        if (!actor && target)
        {
            (subject, obj) = (obj, subject);
            (s, o) = (o, s);
            (actor, target) = (true, false);
        }

        if (!actor)
        {
            return false;
        }

        type = o switch
        {
            EntityKind.Contract => RelationType.PartyTo,
            EntityKind.Investigation => random.Next(2) == 0 ? RelationType.Investigates : RelationType.SubjectOf,
            EntityKind.Organisation when s == EntityKind.Person => PersonToOrganisation[random.Next(PersonToOrganisation.Length)],
            EntityKind.Organisation => OrganisationToOrganisation[random.Next(OrganisationToOrganisation.Length)],
            _ => BetweenPeopleOrOrganisations[random.Next(BetweenPeopleOrOrganisations.Length)],
        };
        return true;
    }
}
