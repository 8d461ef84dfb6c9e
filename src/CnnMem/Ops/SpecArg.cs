namespace CnnMem.Ops;

/// <summary>
/// One argument of an op's line in a <c>.cnn</c> spec: its name as written (<c>stride</c>), the
/// canonical attribute it sets (<c>strides</c>), how it is written, and a help text.
/// </summary>
/// <param name="Name">The argument as written in the spec (<c>stride</c>).</param>
/// <param name="Attribute">The canonical attribute it sets (<c>strides</c>).</param>
/// <param name="Kind">How the value is written.</param>
/// <param name="Help">One line of help text.</param>
/// <param name="Required">Whether the line must give it.</param>
/// <param name="DefaultFrom">When the option is absent, take the value of this other argument (a pool's stride defaults to its kernel).</param>
internal sealed record SpecArg(string Name, string Attribute, SpecArgKind Kind, string Help, bool Required = false, string? DefaultFrom = null);
