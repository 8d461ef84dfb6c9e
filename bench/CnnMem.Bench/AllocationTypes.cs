using System.Diagnostics.Tracing;

namespace CnnMem.Bench;

/// <summary>
/// `alloc-types FILE [BATCH] [STAGE]`: which types the analysis (or one stage: infer, rows, totals) allocates, from the runtime's allocation-tick events
/// (one event per ~100 KB allocated, naming the type that crossed the mark): a sampled picture, to find
/// the garbage worth removing before optimising.
/// </summary>
public sealed class AllocationTypes : EventListener
{
    private readonly Dictionary<string, long> bytes = new(StringComparer.Ordinal);
    private bool on;

    public void Start() => on = true;

    public void Stop() => on = false;

    public void Print(int top)
    {
        var total = bytes.Values.Sum();
        Console.WriteLine($"sampled {total / 1e6:F1} MB");
        foreach (var (type, b) in bytes.OrderByDescending(kv => kv.Value).Take(top))
        {
            Console.WriteLine($"{b / 1e6,9:F1} MB  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!on || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }
        var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
        lock (bytes)
        {
            bytes[type] = bytes.GetValueOrDefault(type) + amount;
        }
    }
}
