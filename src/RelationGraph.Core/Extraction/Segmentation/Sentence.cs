namespace RelationGraph.Core.Extraction.Segmentation;

/// <summary>A sentence (or list item, heading) of a document. Offsets are UTF-16 indexes into the document text.</summary>
/// <param name="Index">Position in the document, from 0.</param>
/// <param name="Start">First character (bullets and indentation excluded).</param>
/// <param name="End">One past the last character, trailing citation markers included.</param>
/// <param name="Citations">Citation markers on the sentence, in order, e.g. <c>[8]</c>, <c>[9]</c>.</param>
/// <param name="IsListItem">True for a bulleted or numbered line.</param>
/// <param name="IsHeading">True for a short line without closing punctuation.</param>
/// <param name="Paragraph">Paragraph number: blank lines separate paragraphs.</param>
internal sealed record Sentence(int Index, int Start, int End, IReadOnlyList<string> Citations, bool IsListItem, bool IsHeading, int Paragraph)
{
    /// <summary>Length in UTF-16 units.</summary>
    public int Length => End - Start;
}
