namespace CnnMem.Graphs;

/// <summary>
/// torchinfo-style module paths from exporters' scoped node names: PyTorch's ONNX export names a node
/// <c>/layer1/layer1.0/downsample/downsample.1/BatchNormalization</c>, which is module <c>layer1.0.downsample.1</c>
/// running a BatchNormalization. Steps: split on '/'; drop a last segment that only names the op (<c>Conv</c>,
/// <c>Relu_3</c>); join the rest with '.', skipping each segment's repetition of its parent (<c>layer1.0</c> under
/// <c>layer1</c> adds <c>.0</c>). Names without '/' are returned as they are.
/// </summary>
internal static class ModulePath
{
    public static string Of(string name, string op)
    {
        if (!name.Contains('/', StringComparison.Ordinal))
        {
            return name;
        }
        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return name;
        }
        var count = segments.Length > 1 && NamesOp(segments[^1], op) ? segments.Length - 1 : segments.Length;
        var path = "";
        var parent = "";
        for (var i = 0; i < count; i++)
        {
            var s = segments[i];
            path = parent.Length > 0 && s.StartsWith(parent + ".", StringComparison.Ordinal)
                ? path + s[parent.Length..]
                : path.Length == 0 ? s : path + "." + s;
            parent = s;
        }
        return path;
    }

    /// <summary>The number of components of a module path (<c>layer1.0.conv1</c> has 3 when read as layer1 / 0 / conv1; digits count as their own level).</summary>
    public static int Depth(string path) => path.Split('.', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The first <paramref name="depth"/> components of a module path.</summary>
    public static string Prefix(string path, int depth) => string.Join('.', path.Split('.', StringSplitOptions.RemoveEmptyEntries).Take(depth));

    /// <summary>"Conv", "Conv_3", "BatchNormalization_1": a segment that only repeats the op type (with an exporter's counter).</summary>
    private static bool NamesOp(string segment, string op)
    {
        var underscore = segment.LastIndexOf('_');
        var stem = underscore > 0 && segment[(underscore + 1)..].All(char.IsAsciiDigit) ? segment[..underscore] : segment;
        if (op.Length == 0)
        {
            // op unknown (a warning's layer name): exporters name op segments in CamelCase, PyTorch modules in lower case
            return stem.Length > 0 && char.IsAsciiLetterUpper(stem[0]);
        }
        return stem.Equals(op, StringComparison.OrdinalIgnoreCase) || (stem.Length > 0 && op.EndsWith(stem, StringComparison.OrdinalIgnoreCase) && stem.Length >= 3);
    }
}
