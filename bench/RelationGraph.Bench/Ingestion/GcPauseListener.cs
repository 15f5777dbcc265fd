using System.Diagnostics.Tracing;
using System.Globalization;

namespace RelationGraph.Bench.Ingestion;

/// <summary>
/// Sums how long garbage collections stopped every thread, per generation, from the runtime's own GC events
/// (suspension begins to restart ends). A job whose documents wait in memory for the writer makes them survive
/// collections, which shows as longer gen0 pauses and as gen1 pauses that extraction alone does not have.
/// </summary>
internal sealed class GcPauseListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly double[] _milliseconds = new double[3];
    private readonly int[] _collections = new int[3];
    private DateTime _suspendedAt;
    private int _generation = -1;

    public string Summary() => string.Join(", ", Enumerable.Range(0, 3).Select(g =>
        string.Create(CultureInfo.InvariantCulture, $"gen{g} {_collections[g]} pauses {_milliseconds[g]:0} ms")));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventName)
        {
            case "GCStart_V2":
                _generation = Convert.ToInt32(eventData.Payload![1], CultureInfo.InvariantCulture);
                break;
            case "GCSuspendEEBegin_V1":
                _suspendedAt = eventData.TimeStamp;
                break;
            case "GCRestartEEEnd_V1" when _generation is >= 0 and <= 2:
                _milliseconds[_generation] += (eventData.TimeStamp - _suspendedAt).TotalMilliseconds;
                _collections[_generation]++;
                break;
        }
    }
}
