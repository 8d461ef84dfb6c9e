using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CnnMem.Core;
using CnnMem.Memory.Parallel;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Rendering;

/// <summary>
/// The reference for <see cref="JsonReportWriter"/>: the report built as <see cref="JsonReport"/> records and
/// serialized by the source-generated serializer (<see cref="CnnMemJsonContext"/>), which picks up every field of
/// the report records by itself. Tests hold the streaming writer to it byte for byte, so a field added to a report
/// record cannot go missing from the JSON; production code does not use it (it allocates the whole document).
/// </summary>
internal static class JsonReferenceSerializer
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The report's JSON text through the serializer, ending in a newline.</summary>
    public static string Write(AnalysisReport report) => JsonConventions.Serialize(ToDocument(report), Options);

    public static JsonReport ToDocument(AnalysisReport report)
    {
        var layout = report.Layout;
        return new JsonReport(
            report.Model,
            report.Source,
            report.Batch,
            DTypes.Name(report.DType),
            Optimizers.Name(report.Optimizer),
            DisplayShapes.LayoutName(layout),
            "bytes",
            report.Summary,
            report.Inputs.Select(t => Tensor(t, layout)).ToArray(),
            report.Outputs.Select(t => Tensor(t, layout)).ToArray(),
            report.Layers.Select(l => Layer(l, layout)).ToArray(),
            report.Totals,
            report.Memory,
            report.Warnings.ToArray(),
            report.Notes.IsEmpty ? null : report.Notes.ToArray());
    }

    private static JsonTensor Tensor(TensorReport t, DisplayLayout layout) =>
        new(t.Name, DisplayShapes.Sizes(t.Shape, layout), DTypes.Name(t.DType));

    private static JsonLayer Layer(LayerReport l, DisplayLayout layout) => new(
        l.Name,
        l.Op,
        l.Outputs.IsEmpty ? null : DisplayShapes.Sizes(l.OutputShape, layout),
        l.OutputElements,
        l.OutputBytes,
        l.Params,
        l.TrainableParams,
        l.BufferElements,
        l.Macs,
        l.InTextbookSum)
    {
        Outputs = l.Outputs.Length > 1 ? l.Outputs.Select(o => Tensor(o, layout)).ToArray() : null,
        Source = l.Source,
        Unknown = l.Unknown ? true : null,
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = JsonConventions.Create(CnnMemJsonContext.Default.WithAddedModifier(MatchContract));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonNameConverter<Framework>(Frameworks.Name));
        options.Converters.Add(new JsonNameConverter<Backend>(Backends.Name));
        options.Converters.Add(new JsonNameConverter<ZeroGradMode>(ZeroGradModes.Name));
        options.Converters.Add(new JsonNameConverter<DType>(DTypes.Name));
        options.Converters.Add(new JsonNameConverter<Optimizer>(Optimizers.Name));
        options.Converters.Add(new JsonNameConverter<ParallelStrategy>(ParallelStrategies.Name));
        options.Converters.Add(new JsonNameConverter<ParallelPrecision>(ParallelPrecisions.Name));
        options.Converters.Add(new JsonNameConverter<SummaryBasis>(SummaryBases.Name));
        return options;
    }

    /// <summary>
    /// Report record members whose C# name differs from the JSON contract's field name, and the one the contract leaves
    /// out: the parallel placement, which the text summary words and the JSON's figures and setup already imply.
    /// </summary>
    private static void MatchContract(JsonTypeInfo info)
    {
        if (info.Type == typeof(ParallelMemory) && info.Properties.FirstOrDefault(p => p.Name == "placement") is { } placement)
        {
            info.Properties.Remove(placement);
        }
        if (info.Type != typeof(NaiveMemory))
        {
            return;
        }
        foreach (var p in info.Properties)
        {
            if (p.Name == "optimizer_slots")
            {
                p.Name = "optimizer_state_slots";
            }
        }
    }
}
