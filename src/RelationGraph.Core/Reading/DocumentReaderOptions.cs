namespace RelationGraph.Core.Reading;

/// <summary>Limits and switches for <see cref="DocumentReader"/>.</summary>
public sealed record DocumentReaderOptions
{
    /// <summary>Default size limit: 20 MB.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>Files larger than this fail with <c>too-large</c> before any decoding.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;
}
