namespace CnnMem.Ops;

/// <summary>
/// The shorter names people's tables show for an op, in torchinfo's style (<c>BatchNorm</c>, not <c>BatchNormalization</c>);
/// JSON and CSV keep the canonical name. Declared by the op's rule (<see cref="IOpRule.ShortNames"/>).
/// </summary>
/// <param name="Op">The canonical op type (one of the rule's <see cref="IOpRule.OpTypes"/>).</param>
/// <param name="Short">The name in a layer table's Op column.</param>
/// <param name="InGroup">Shorter still inside a folded group's name (<c>Conv+BN+Relu</c>); null: <paramref name="Short"/>.</param>
internal sealed record OpShortName(string Op, string Short, string? InGroup = null);
