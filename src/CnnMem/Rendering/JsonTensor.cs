using System.Text.Json.Serialization;

namespace CnnMem.Rendering;

/// <summary>A graph input or output in the JSON: shape batch first in the display layout, null for unknown dims.</summary>
internal sealed record JsonTensor(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never), JsonConverter(typeof(CompactShapeConverter))] long?[]? Shape,
    string Dtype);
