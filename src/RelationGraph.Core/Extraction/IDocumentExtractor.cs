using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction;

/// <summary>Turns a document into the graph it supports. Pure: text in, batch out, no I/O.</summary>
public interface IDocumentExtractor
{
    /// <summary>Name recorded on every evidence record, e.g. <c>rules</c>.</summary>
    string Name { get; }

    /// <summary>Version; a new version re-extracts documents whose content did not change.</summary>
    string Version { get; }

    /// <summary>Extracts entities, mentions, facts and evidence from one document.</summary>
    ValueTask<DocumentGraph> ExtractAsync(SourceDocument document, CancellationToken cancellationToken = default);
}
