using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RelationGraph.Core.Model;

/// <summary>
/// Deterministic ids. Every id is a hash of what identifies the thing, so re-running a job, or
/// resuming a killed one, converges on the same graph.
/// </summary>
public static class StableId
{
    /// <summary>Entity id: kind prefix + hash of kind and normalised canonical name, e.g. <c>per_3f2a…</c>.</summary>
    public static string Entity(EntityKind kind, string canonicalName) =>
        EntityKinds.Prefix(kind) + "_" + Hash(kind.ToString(), NameKey.Normalise(canonicalName));

    /// <summary>
    /// Contract or investigation id: like <see cref="Entity"/>, with what identifies the event besides its label (its
    /// parties and their roles, in a fixed order), so events that share a label but not their parties stay apart.
    /// </summary>
    public static string Event(EntityKind kind, string label, IReadOnlyList<string> identifyingParts) =>
        identifyingParts.Count == 0
            ? Entity(kind, label)
            : EntityKinds.Prefix(kind) + "_" + Hash([kind.ToString(), NameKey.Normalise(label), .. identifyingParts]);

    /// <summary>Fact key: hash of type, subject id and object id; symmetric types order the two ids first.</summary>
    public static string Fact(RelationType type, string subjectId, string objectId)
    {
        if (type.IsSymmetric() && string.CompareOrdinal(subjectId, objectId) > 0)
        {
            (subjectId, objectId) = (objectId, subjectId);
        }

        return "fact_" + Hash(type.ToWireName(), subjectId, objectId);
    }

    /// <summary>Document id from its source (path or URL), so the same source is the same document.</summary>
    public static string Document(string source) => DocumentPrefix + Hash(source);

    /// <summary>True when <paramref name="value"/> has the shape of a <see cref="Document"/> id: <c>doc_</c> and 16 lower-case hex digits.</summary>
    public static bool IsDocumentId(string? value) =>
        value is { Length: 20 } && value.StartsWith(DocumentPrefix, StringComparison.Ordinal) && !value.AsSpan(DocumentPrefix.Length).ContainsAnyExcept(LowerHex);

    /// <summary>Mention id: document, span and the entity it refers to.</summary>
    public static string Mention(string documentId, int start, int end, string entityId) =>
        "men_" + Hash(documentId, Num(start), Num(end), entityId);

    /// <summary>Evidence id: fact, document and span.</summary>
    public static string Evidence(string factKey, string documentId, int start, int end) =>
        "evi_" + Hash(factKey, documentId, Num(start), Num(end));

    /// <summary>
    /// Judgement id: its kind, the two entities and the documents it names, its author and its time (UTC, round-trip
    /// format), so recording the same judgement twice keeps one.
    /// </summary>
    public static string Judgement(string kind, string entityId, string otherId, IEnumerable<string> documentIds, string author, DateTimeOffset createdAt) =>
        JudgementPrefix + Hash(kind, entityId, otherId, string.Join(',', documentIds), author,
            createdAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    /// <summary>True when <paramref name="value"/> has the shape of a <see cref="Judgement"/> id: <c>jdg_</c> and 16 lower-case hex digits.</summary>
    public static bool IsJudgementId(string? value) =>
        value is { Length: 20 } && value.StartsWith(JudgementPrefix, StringComparison.Ordinal) && !value.AsSpan(JudgementPrefix.Length).ContainsAnyExcept(LowerHex);

    /// <summary>SHA-256 of the UTF-8 text as lower-case hex, for content hashes.</summary>
    public static string ContentHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private const string DocumentPrefix = "doc_";

    private const string JudgementPrefix = "jdg_";

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    // 16 hex chars (64 bits) of SHA-256 over the parts joined by a separator no part contains.
    private static string Hash(params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(bytes, 0, 8);
    }
}
