namespace RelationGraph.Core.Extraction.Llm;

/// <summary>The model answered with something that is not the JSON the extractor asked for.</summary>
public sealed class LlmExtractionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LlmExtractionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LlmExtractionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LlmExtractionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
