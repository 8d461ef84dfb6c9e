namespace CnnMem.Core;

/// <summary>Names of <see cref="Backend"/> values: <c>--backend</c> parses them, <c>memory.model.backend</c> and the batch sweep write them.</summary>
internal static class Backends
{
    public static NameTable<Backend> Names { get; } = new([(Backend.Cpu, "cpu"), (Backend.Cuda, "cuda")]);

    public static string Name(Backend b) => Names.Name(b);
}
