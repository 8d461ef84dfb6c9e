using CnnMem.Reports;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// PyTorch DistributedDataParallel:
/// 1. every device keeps the single-device model's replica: weights, gradients, optimizer state and step temporaries;
/// 2. the Reducer allocates its buckets when DDP wraps the model (<c>reducer.cpp</c>, <c>initialize_buckets</c>): flat
///    tensors that together hold every trainable parameter's gradient once more (<c>bucket_cap_mb</c> = 25 only sets how
///    the gradients are grouped), unless <c>gradient_as_bucket_view=True</c> makes each <c>.grad</c> a view into its bucket;
/// 3. under autocast the weights stay float32 (the single-device model already keeps them so).
/// </summary>
internal static class DdpModel
{
    public static DeviceParts Compute(ParallelInput input, DataParallelOptions o)
    {
        var t = input.Training;
        var paramBytes = input.Params.Aggregate(0L, (a, p) => checked(a + p.Bytes));
        return new DeviceParts(
            paramBytes,
            t.GradientBytes,
            t.OptimizerStateBytes,
            t.OptimizerStepTemporaryBytes,
            PaddingElements: 0,
            Bucket: o.GradientAsBucketView ? 0 : t.GradientBytes,
            Gathered: 0,
            ReduceScatter: 0,
            new ParallelSetup { Precision = input.MixedPrecision ? ParallelPrecision.Autocast : Precision(input), GradientAsBucketView = o.GradientAsBucketView },
            Replica);
    }

    /// <summary>A full replica of everything on every device; the buckets hold the gradients once more.</summary>
    private static readonly ParallelPlacement Replica = new()
    {
        Parameters = Placement.Replicated,
        Gradients = Placement.Replicated,
        OptimizerState = Placement.Replicated,
        BucketsHoldGradients = true,
    };

    /// <summary>Without autocast, the model's own precision, read from its first parameter's element size.</summary>
    internal static ParallelPrecision Precision(ParallelInput input) =>
        input.Params.IsEmpty ? ParallelPrecision.Fp32 : input.Params[0].ElementBytes switch { 2 => ParallelPrecision.Half, 8 => ParallelPrecision.Fp64, _ => ParallelPrecision.Fp32 };
}
