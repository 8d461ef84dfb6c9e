using System.Collections.Immutable;
using CnnMem.Inference;
using CnnMem.Reports;
using CnnMem.Memory.Models;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Cudnn;

/// <summary>
/// The report of <see cref="CudnnWorkspaceReport"/>: every convolution the rules declared, each call looked up as
/// <see cref="CudnnWorkspaces.Resolve"/> looks it up for the memory model (the same function, so the two agree); in
/// training only the backward calls PyTorch makes, by the rule the replay's trace follows
/// (<see cref="NodeMemory.MakesBackwardDataCall"/>, <see cref="NodeMemory.MakesBackwardFilterCall"/>: no backward-data
/// call for a convolution whose input needs no gradient, such as the first one on the image).
/// </summary>
internal static class CudnnWorkspaceUses
{
    private static readonly ImmutableArray<ConvDirection> ForwardOnly = [ConvDirection.Forward];
    private static readonly ImmutableArray<ConvDirection> All = [ConvDirection.Forward, ConvDirection.BackwardData, ConvDirection.BackwardFilter];

    public static CudnnWorkspaceReport Compute(InferenceResult inference, MemoryOptions options, bool training)
    {
        var table = options.CudnnTable ?? CudnnWorkspaceTable.Builtin;
        var arch = options.EffectiveCudnnArch;
        var directions = training ? All : ForwardOnly;
        var graph = training ? StorageGraphs.Of(inference, options, training: true) : null;
        var convs = ImmutableArray.CreateBuilder<CudnnConvolutionUse>();
        for (var idx = 0; idx < inference.Nodes.Length; idx++)
        {
            var n = inference.Nodes[idx];
            if (n.Result.Conv is not { } g || n.Inputs.Length < 1 || n.Inputs[0] is not { } x || !x.Shape.IsFullyKnown || x.Shape.Rank < 3 || n.Outputs.Length < 1)
            {
                continue;
            }
            var key = CudnnWorkspaces.KeyOf(n, g, x, options, ConvDirection.Forward);
            var node = graph?.Nodes[idx];
            var calls = directions.Where(d => Made(node, d)).Select(d => Call(n, options, d)).ToImmutableArray();
            var spatial = Enumerable.Range(2, x.Shape.Rank - 2).Select(i => x.Shape[i].Value!.Value).ToImmutableArray();
            var y = n.Outputs[0].Shape;
            var outSpatial = Enumerable.Range(2, Math.Max(0, y.Rank - 2)).Select(i => y[i].Value ?? 0).ToImmutableArray();
            convs.Add(new CudnnConvolutionUse
            {
                Layer = n.Node.Name,
                Kernel = key.Kernel,
                Stride = key.Stride,
                Dilation = key.Dilation,
                Groups = g.Groups,
                InChannels = g.InChannels,
                OutChannels = g.OutChannels,
                Batch = x.Shape[0].Value!.Value,
                Spatial = spatial,
                OutputSpatial = outSpatial,
                Dtype = key.DType,
                Layout = key.Layout,
                Calls = calls,
            });
        }
        return new CudnnWorkspaceReport
        {
            Arch = arch,
            Benchmark = options.CudnnBenchmark,
            ChannelsLast = options.ChannelsLast,
            Table = table.Source,
            TableEntries = table.EntriesFor(arch),
            Convolutions = convs.ToImmutable(),
            DryRunTable = table.DryRun,
        };
    }

    private static bool Made(NodeMemory? node, ConvDirection d) => d switch
    {
        ConvDirection.BackwardData => node is { MakesBackwardDataCall: true },
        ConvDirection.BackwardFilter => node is { MakesBackwardFilterCall: true },
        _ => true,
    };

    private static CudnnCallUse Call(NodeInference n, MemoryOptions options, ConvDirection d)
    {
        var w = CudnnWorkspaces.Resolve(n, options, d);
        return new CudnnCallUse { Direction = CudnnConvKey.DirectionName(d), WorkspaceBytes = w.Bytes, FromTable = w.FromTable };
    }
}
