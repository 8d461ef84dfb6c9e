namespace CnnMem;

/// <summary>
/// One <c>--freeze GLOB</c> or <c>--trainable GLOB</c>: parameters whose name, or the name of a module holding them,
/// matches <paramref name="Pattern"/> (as Python's <c>fnmatch</c>: <c>*</c> any run of characters, dots included; <c>?</c> one character; <c>[0-6]</c> one of a set) become
/// frozen (<c>requires_grad=False</c>) or trainable. Rules apply in order, after what the file says; the last match wins.
/// </summary>
/// <param name="Pattern">A glob over parameter names (<c>layer1.0.conv1.weight</c>) and module names (<c>layer1</c>, <c>layer1.0.conv1</c>).</param>
/// <param name="Trainable">True for <c>--trainable</c>, false for <c>--freeze</c>.</param>
public sealed record FreezeRule(string Pattern, bool Trainable)
{
    /// <summary>The option as a user writes it, for messages: <c>--freeze 'layer1*'</c>.</summary>
    public override string ToString() => $"{(Trainable ? "--trainable" : "--freeze")} '{Pattern}'";
}
