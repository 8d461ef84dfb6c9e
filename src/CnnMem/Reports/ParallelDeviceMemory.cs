namespace CnnMem.Reports;

/// <summary>
/// One device's share of a multi-device training step, in bytes. <see cref="TotalBytes"/> = param + buffer_and_input +
/// gradient + optimizer_state + communication_buffer + max(activation_peak, step_temporary): the activations of one
/// micro-batch and the optimizer step's temporaries never coexist. <see cref="ReservedBytes"/> (CUDA only) adds the
/// CUDA context and the caching allocator's rounding.
/// </summary>
public sealed record ParallelDeviceMemory(
    long ParamBytes,
    long GradientBytes,
    long OptimizerStateBytes,
    long ActivationPeakBytes,
    long CommunicationBufferBytes,
    long TotalBytes)
{
    /// <summary>Model buffers (BatchNorm running statistics), the input micro-batch and its labels: never sharded.</summary>
    public long BufferAndInputBytes { get; init; }

    /// <summary>The optimizer step's temporaries (and, for ZeRO in fp16/bf16 mode, the fp32 copy of the gradient partition).</summary>
    public long StepTemporaryBytes { get; init; }

    /// <summary>Elements the implementation adds, over all devices, to make the sharded tensors divide evenly.</summary>
    public long PaddingElements { get; init; }

    /// <summary>CUDA only: what the device must have free (context, NCCL, allocator rounding included); null on CPU.</summary>
    public long? ReservedBytes { get; init; }
}
