using System.Text.Json;

namespace CnnMem.Rendering;

/// <summary>The JSON conventions every machine-readable output shares: snake_case names, indented, "\n" line ends.</summary>
public static class JsonConventions
{
    /// <summary>Options for documents with no special contract handling (ops list, fit results). Do not mutate.</summary>
    public static JsonSerializerOptions Plain { get; } = Create();

    /// <summary>A fresh, mutable copy of the shared conventions, for writers that add their own settings.</summary>
    public static JsonSerializerOptions Create() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
    };
}
