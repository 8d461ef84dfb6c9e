using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Import.Spec;

/// <summary>Reads the line-based <c>.cnn</c> text spec into a <see cref="ModelGraph"/>. (Being written: placeholder API.)</summary>
public static class SpecParser
{
    /// <summary>Parses spec text; <paramref name="fileName"/> is used in error messages and as the model name.</summary>
    public static ModelGraph Parse(string text, string fileName) =>
        throw new CnnMemException($"{fileName}: the spec parser is not implemented yet");

    /// <summary>Reads and parses a spec file.</summary>
    public static ModelGraph ParseFile(string path) => Parse(File.ReadAllText(path), path);
}
