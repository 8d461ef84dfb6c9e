namespace CnnMem.Ops;

/// <summary>
/// One argument of an op's line in a <c>.cnn</c> spec: its name as written (<c>stride</c>), the
/// canonical attribute it sets (<c>strides</c>), how it is written, and a help text.
/// </summary>
/// <param name="DefaultFrom">When the option is absent, take the value of this other argument (a pool's stride defaults to its kernel).</param>
public sealed record SpecArg(string Name, string Attribute, SpecArgKind Kind, string Help, bool Required = false, string? DefaultFrom = null);
