using CnnMem.Graphs;
using CnnMem.Import.Spec;

namespace CnnMem.Tests.Rendering;

/// <summary>Built-in networks for rendering tests.</summary>
internal static class TestModels
{
    public static ModelGraph Seed() => BuiltInModels.TryGet("seed", out var g) ? g! : throw new InvalidOperationException("no built-in seed");
}
