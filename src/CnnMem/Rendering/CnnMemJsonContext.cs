using System.Text.Json.Serialization;

namespace CnnMem.Rendering;

/// <summary>
/// Source-generated JSON metadata for the report document and everything reachable from it (no reflection,
/// so it compiles ahead of time). Records added under <see cref="JsonReport"/> (totals, memory sections) are
/// picked up by the generator automatically, which is what makes <see cref="JsonReferenceSerializer"/> the
/// reference for the streaming <see cref="JsonReportWriter"/>. The conventions (snake_case, indented, "\n")
/// come from <see cref="JsonConventions"/>.
/// </summary>
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class CnnMemJsonContext : JsonSerializerContext;
