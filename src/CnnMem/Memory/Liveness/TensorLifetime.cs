namespace CnnMem.Memory.Liveness;

/// <summary>
/// One buffer to place in an arena: its size in bytes and the steps (node indices) during which it is live,
/// both ends inclusive. Two lifetimes conflict when their step ranges overlap. A value: a network has one per
/// activation, and each model lists them again.
/// </summary>
internal readonly record struct TensorLifetime(string Name, long Size, int FirstStep, int LastStep)
{
    public bool Overlaps(TensorLifetime other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;
}
