namespace CnnMem.Ops;

/// <summary>
/// A parameter or buffer tensor of a layer. For an imported model, <see cref="Name"/> is the
/// initializer's name, so a tensor shared by several nodes is counted once.
/// </summary>
internal sealed record ParamSpec(string Name, Shape Shape, DType DType, ParamRole Role)
{
    public bool IsBuffer => Role == ParamRole.Buffer;

    public long Elements => Shape.Elements ?? throw new InvalidOperationException($"parameter '{Name}' has an unknown shape {Shape}");
}
