namespace CnnMem.Core;

/// <summary>Names of <see cref="Framework"/> values: <c>--framework</c> parses them, <c>memory.model.framework</c> writes them.</summary>
internal static class Frameworks
{
    /// <summary><c>pytorch</c> (the only value before profiles) keeps meaning 1.13.</summary>
    public static NameTable<Framework> Names { get; } = new(
        [(Framework.PyTorch2, "pytorch-2"), (Framework.PyTorch113, "pytorch-1.13")],
        ("pytorch", Framework.PyTorch113));

    public static string Name(Framework f) => Names.Name(f);

    /// <summary>The framework as its users call it, in titles ("PyTorch 2.x", "PyTorch 1.13").</summary>
    public static string Title(Framework f) => f == Framework.PyTorch2 ? "PyTorch 2.x" : "PyTorch 1.13";
}
