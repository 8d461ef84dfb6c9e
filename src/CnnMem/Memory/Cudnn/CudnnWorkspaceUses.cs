using System.Collections.Immutable;
using CnnMem.Inference;
using CnnMem.Reports;

namespace CnnMem.Memory.Cudnn;

/// <summary>
/// The report of <see cref="CudnnWorkspaceReport"/>: every convolution the rules declared, each call looked up as
/// <see cref="CudnnWorkspaces.Resolve"/> looks it up for the memory model (the same function, so the two agree).
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
        var convs = ImmutableArray.CreateBuilder<CudnnConvolutionUse>();
        foreach (var n in inference.Nodes)
        {
            if (n.Result.Conv is not { } g || n.Inputs.Length < 1 || n.Inputs[0] is not { } x || !x.Shape.IsFullyKnown || x.Shape.Rank < 3 || n.Outputs.Length < 1)
            {
                continue;
            }
            var key = CudnnWorkspaces.KeyOf(n, g, x, options, ConvDirection.Forward);
            var calls = directions.Select(d => Call(n, options, d)).ToImmutableArray();
            var spatial = Enumerable.Range(2, x.Shape.Rank - 2).Select(i => x.Shape[i].Value!.Value).ToImmutableArray();
            var y = n.Outputs[0].Shape;
            var outSpatial = Enumerable.Range(2, Math.Max(0, y.Rank - 2)).Select(i => y[i].Value ?? 0).ToImmutableArray();
            convs.Add(new CudnnConvolutionUse(
                n.Node.Name, key.Kernel, key.Stride, key.Dilation, g.Groups, g.InChannels, g.OutChannels,
                x.Shape[0].Value!.Value, spatial, outSpatial, key.DType, key.Layout, calls));
        }
        return new CudnnWorkspaceReport(arch, options.CudnnBenchmark, options.ChannelsLast, table.Source, table.EntriesFor(arch), convs.ToImmutable())
        {
            DryRunTable = table.DryRun,
        };
    }

    private static CudnnCallUse Call(NodeInference n, MemoryOptions options, ConvDirection d)
    {
        var w = CudnnWorkspaces.Resolve(n, options, d);
        return new CudnnCallUse(CudnnConvKey.DirectionName(d), w.Bytes, w.FromTable);
    }
}
