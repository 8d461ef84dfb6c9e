namespace CnnMem.Core;

/// <summary>Names of <see cref="ZeroGradMode"/> values: <c>--zero-grad</c> parses them, <c>memory.model.zero_grad</c> writes them.</summary>
internal static class ZeroGradModes
{
    public static NameTable<ZeroGradMode> Names { get; } = new([(ZeroGradMode.SetToNone, "set-to-none"), (ZeroGradMode.Zero, "zero")]);

    public static string Name(ZeroGradMode z) => Names.Name(z);
}
