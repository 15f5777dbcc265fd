using System.Globalization;
using RelationGraph.Core.Ingestion;

namespace RelationGraph.Cli.Commands;

/// <summary>
/// Shows a job's progress on stderr: one line rewritten in place on a terminal, plain log lines at most
/// once per <see cref="PlainInterval"/> when stderr is redirected (files, pipes, CI logs).
/// </summary>
internal sealed class ProgressDisplay(TextWriter output, bool terminal, TimeProvider timeProvider) : IProgress<IngestionProgress>
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private long _lastPlain = timeProvider.GetTimestamp();
    private int _lastWidth;
    private int _lastPlainDone = -1;

    public void Report(IngestionProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            var line = Format(value);
            if (terminal)
            {
                output.Write("\r" + line.PadRight(_lastWidth));
                _lastWidth = line.Length;
                output.Flush();
                return;
            }

            var finished = value.Total is { } total && value.Done >= total;
            if (value.BuildingIndexes || (value.Done != _lastPlainDone && (finished || timeProvider.GetElapsedTime(_lastPlain) >= PlainInterval)))
            {
                _lastPlain = timeProvider.GetTimestamp();
                _lastPlainDone = value.Done;
                output.WriteLine("progress: " + line);
                output.Flush();
            }
        }
    }

    /// <summary>Ends the in-place line so what follows starts on its own line.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (terminal && _lastWidth > 0)
            {
                output.WriteLine();
            }
        }
    }

    public static string Format(IngestionProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var inv = CultureInfo.InvariantCulture;
        var done = value.Total is { } total ? string.Create(inv, $"{value.Done}/{total}") : value.Done.ToString(inv);
        if (value.BuildingIndexes)
        {
            return string.Create(inv, $"{done} documents, {value.Failed} failed; building the store's indexes (bulk load)…");
        }

        var megabytesPerSecond = value.Elapsed > TimeSpan.Zero ? value.Bytes / 1_048_576.0 / value.Elapsed.TotalSeconds : 0;
        var left = value.Remaining is { } remaining && value.Done < value.Total ? " ETA " + remaining.ToString(@"hh\:mm\:ss", inv) : "";
        return string.Create(inv, $"{done} documents, {value.DocumentsPerSecond:0.0} docs/s, {megabytesPerSecond:0.00} MB/s, {value.Failed} failed{left}");
    }
}
