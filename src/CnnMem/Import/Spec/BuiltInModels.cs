using CnnMem.Graphs;

namespace CnnMem.Import.Spec;

/// <summary>Networks shipped with cnnmem, by name (<c>seed</c> is the classic answer's CNN). (Being written: placeholder API.)</summary>
public static class BuiltInModels
{
    public static IReadOnlyList<string> Names { get; } = Array.Empty<string>();

    public static bool TryGet(string name, out ModelGraph? graph)
    {
        _ = name;
        graph = null;
        return false;
    }
}
