using CnnMem.Reports;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// Per-device memory of data-parallel training, a pure function of the single-device training step:
/// 1. the strategy's model decides weights, gradients, optimizer state, step temporaries and its communication buffers
///    (<see cref="DdpModel"/>, <see cref="ZeroModel"/>, <see cref="Zero3Model"/>, <see cref="FsdpModel"/>);
/// 2. activations are those of one micro-batch (the single-device forward and steady backward peaks), unchanged by
///    sharding; buffers, input and labels are never sharded; NCCL's buffers are added as their own part;
/// 3. total = every part + max(activations, step temporaries); on CUDA the reserved figure adds the context, the
///    rounding of each part as one allocation and the single-device step's rounding.
/// </summary>
internal static class ParallelModel
{
    public static ParallelMemory Compute(ParallelInput input, DataParallelOptions options)
    {
        Validate(options);
        var t = input.Training;
        var parts = options.Strategy switch
        {
            ParallelStrategy.Ddp => DdpModel.Compute(input, options),
            ParallelStrategy.Zero1 => ZeroModel.Compute(input, options, partitionGradients: false),
            ParallelStrategy.Zero2 => ZeroModel.Compute(input, options, partitionGradients: true),
            ParallelStrategy.Zero3 => Zero3Model.Compute(input, options),
            ParallelStrategy.Fsdp => FsdpModel.Compute(input, options),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        var singleParams = input.Params.Aggregate(0L, (a, p) => checked(a + p.Bytes));
        var bufferAndInput = Math.Max(0, t.StaticBytes - singleParams);
        var activations = Math.Max(t.ForwardPeakBytes, t.SteadyBackwardPeakBytes);
        var nccl = options.EffectiveNcclBytes;
        var comm = new ParallelCommunication { GradientBucketBytes = parts.Bucket, GatheredParamBytes = parts.Gathered, ReduceScatterBytes = parts.ReduceScatter, NcclBytes = nccl };
        var commBytes = checked(parts.Bucket + parts.Gathered + parts.ReduceScatter + nccl);
        var transient = Math.Max(activations, parts.StepTemporary);
        var total = checked(parts.Param + bufferAndInput + parts.Gradient + parts.State + commBytes + transient);
        long? reserved = input.CudaContextBytes is { } context
            ? checked(context + nccl + bufferAndInput + transient + input.StepRoundingBytes
                + Round(parts.Param) + Round(parts.Gradient) + Round(parts.State) + Round(parts.Bucket) + Round(parts.Gathered) + Round(parts.ReduceScatter))
            : null;
        var device = new ParallelDeviceMemory
        {
            ParamBytes = parts.Param,
            GradientBytes = parts.Gradient,
            OptimizerStateBytes = parts.State,
            ActivationPeakBytes = activations,
            CommunicationBufferBytes = commBytes,
            TotalBytes = total,
            BufferAndInputBytes = bufferAndInput,
            StepTemporaryBytes = parts.StepTemporary,
            PaddingElements = parts.PaddingElements,
            ReservedBytes = reserved,
        };
        return new ParallelMemory
        {
            Strategy = options.Strategy,
            Gpus = options.Gpus,
            MicroBatch = input.MicroBatch,
            GradAccum = options.GradAccum,
            GlobalBatch = checked(options.Gpus * input.MicroBatch * options.GradAccum),
            PerDevice = device,
            Communication = comm,
            Setup = parts.Setup,
            Placement = parts.Placement,
        };
    }

    /// <summary>The bytes a device must have for the step: reserved on CUDA, else the total.</summary>
    public static long DeviceBytes(ParallelMemory m) => m.PerDevice.ReservedBytes ?? m.PerDevice.TotalBytes;

    private static long Round(long bytes) => bytes == 0 ? 0 : DeviceModel.Round(bytes);

    private static void Validate(DataParallelOptions o)
    {
        if (o.Gpus < 1)
        {
            throw new CnnMemException($"--gpus must be at least 1, found {o.Gpus}");
        }
        if (o.GradAccum < 1)
        {
            throw new CnnMemException($"--grad-accum must be at least 1, found {o.GradAccum}");
        }
        if (o.FsdpUnitDepth < 1)
        {
            throw new CnnMemException($"--fsdp-unit-depth must be at least 1, found {o.FsdpUnitDepth}");
        }
        if (o.ReduceBucketElements < 1 || o.NcclBytes is < 0)
        {
            throw new CnnMemException("--reduce-bucket-size must be at least 1 element and --nccl-buffers at least 0 bytes");
        }
    }
}
