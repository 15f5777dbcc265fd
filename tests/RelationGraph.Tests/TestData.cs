using RelationGraph.Core.Model;

namespace RelationGraph.Tests;

/// <summary>Small hand-built graphs so each test states only what matters.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string ExtractorVersion = "test-1";

    /// <summary>Builds one document's batch from "Subject|TYPE|Object" fact lines whose quotes are found in the text.</summary>
    public static DocumentGraph Batch(string source, string text, params (string Subject, EntityKind SubjectKind, RelationType Type, string Object, EntityKind ObjectKind, string Quote)[] facts)
    {
        var document = SourceDocument.Create(source, text, title: "Title of " + source);
        var entities = new Dictionary<string, ExtractedEntity>();
        var mentions = new List<MentionRecord>();
        var factRecords = new Dictionary<string, FactRecord>();
        var evidence = new List<EvidenceRecord>();

        string Entity(string name, EntityKind kind)
        {
            var id = StableId.Entity(kind, name);
            if (!entities.ContainsKey(id))
            {
                entities[id] = new ExtractedEntity(id, kind, name, []);
                var at = text.IndexOf(name, StringComparison.Ordinal);
                if (at >= 0)
                {
                    mentions.Add(new MentionRecord(StableId.Mention(document.Id, at, at + name.Length, id), document.Id, id, at, at + name.Length, name, 0));
                }
            }

            return id;
        }

        foreach (var (subject, subjectKind, type, obj, objectKind, quote) in facts)
        {
            var s = Entity(subject, subjectKind);
            var o = Entity(obj, objectKind);
            var key = StableId.Fact(type, s, o);
            factRecords.TryAdd(key, new FactRecord(key, type, s, o).InKeyOrder());
            var start = text.IndexOf(quote, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new ArgumentException($"quote not in text: {quote}");
            }

            evidence.Add(new EvidenceRecord(StableId.Evidence(key, document.Id, start, start + quote.Length), key, document.Id,
                start, start + quote.Length, quote, ["[1]"], "test", 0.9));
        }

        return new DocumentGraph(document, ExtractorVersion, [.. entities.Values], mentions, [.. factRecords.Values], evidence);
    }

    /// <summary>
    /// Alice Able works for Acme Corp; Acme is party to a contract awarded by the Ministry of Works.
    /// A second document says Bob Baker is associated with Alice Able.
    /// </summary>
    public static DocumentGraph AcmeDocument(string text = AcmeText) => Batch("docs/acme.txt", text,
        ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"),
        ("Acme Corp", EntityKind.Organisation, RelationType.PartyTo, "Ministry road contract (2024)", EntityKind.Contract, "Acme Corp won a road contract"),
        ("Ministry road contract (2024)", EntityKind.Contract, RelationType.AwardedBy, "Ministry of Works", EntityKind.Organisation, "awarded by the Ministry of Works"));

    public const string AcmeText = "Alice Able works for Acme Corp [1]. In 2024 Acme Corp won a road contract awarded by the Ministry of Works [2].";

    public static DocumentGraph BobDocument() => Batch("docs/bob.txt", BobText,
        ("Bob Baker", EntityKind.Person, RelationType.AssociatedWith, "Alice Able", EntityKind.Person, "Bob Baker is a close associate of Alice Able"),
        ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able, an Acme Corp engineer"));

    public const string BobText = "Bob Baker is a close associate of Alice Able. Alice Able, an Acme Corp engineer, declined to comment.";

    public static string Id(EntityKind kind, string name) => StableId.Entity(kind, name);

    /// <summary>Ids of the entities the fixture documents (<see cref="AcmeDocument"/>, <see cref="BobDocument"/>) name.</summary>
    public static readonly string AliceId = Id(EntityKind.Person, "Alice Able");

    public static readonly string BobId = Id(EntityKind.Person, "Bob Baker");

    public static readonly string AcmeId = Id(EntityKind.Organisation, "Acme Corp");

    public static readonly string MinistryId = Id(EntityKind.Organisation, "Ministry of Works");
}
