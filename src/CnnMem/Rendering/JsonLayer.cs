using System.Text.Json.Serialization;

namespace CnnMem.Rendering;

/// <summary>One layer in the JSON: raw counts and bytes for the whole batch; unknown figures are null.</summary>
internal sealed record JsonLayer(
    string Name,
    string Op,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never), JsonConverter(typeof(CompactShapeConverter))] long?[]? OutputShape,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? OutputElements,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? OutputBytes,
    long Params,
    long TrainableParams,
    long BufferElements,
    long Macs,
    bool InTextbookSum)
{
    /// <summary>All outputs, only for layers with more than one (the first is <see cref="OutputShape"/>).</summary>
    public IReadOnlyList<JsonTensor>? Outputs { get; init; }

    /// <summary>Spec file and line, when known.</summary>
    public string? Source { get; init; }

    /// <summary>True for an unsupported op under --allow-unknown; omitted otherwise.</summary>
    public bool? Unknown { get; init; }
}
