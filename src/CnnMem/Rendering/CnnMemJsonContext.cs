using System.Text.Json.Serialization;

namespace CnnMem.Rendering;

/// <summary>
/// Source-generated JSON metadata for the report document and everything reachable from it, so the
/// writers need no reflection and the CLI compiles ahead of time. Records added under
/// <see cref="JsonReport"/> (totals, memory sections) are picked up by the generator automatically.
/// The conventions (snake_case, indented, "\n") come from <see cref="JsonConventions"/>.
/// </summary>
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class CnnMemJsonContext : JsonSerializerContext;
