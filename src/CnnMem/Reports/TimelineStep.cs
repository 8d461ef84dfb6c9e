namespace CnnMem.Reports;

/// <summary>
/// One step of the training-step memory timeline: its position, the op (node name, "loss" or "optimizer step"),
/// the phase ("forward", "backward" or "optimizer") and the bytes allocated while it runs (static bytes included).
/// </summary>
public sealed record TimelineStep(int Index, string Name, string Phase, long AllocatedBytes);
