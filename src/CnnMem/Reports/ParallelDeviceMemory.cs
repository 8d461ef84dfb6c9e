namespace CnnMem.Reports;

/// <summary>
/// One device's share of a multi-device training step, in bytes. <see cref="TotalBytes"/> = param + buffer_and_input +
/// gradient + optimizer_state + communication_buffer + max(activation_peak, step_temporary): the activations of one
/// micro-batch and the optimizer step's temporaries never coexist. <see cref="ReservedBytes"/> (CUDA only) adds the
/// CUDA context and the caching allocator's rounding.
/// </summary>
public sealed record ParallelDeviceMemory
{
    /// <summary>The weights this device keeps (replica, flat buffer or shards, as the strategy places them).</summary>
    public required long ParamBytes { get; init; }

    /// <summary>The weight gradients this device keeps.</summary>
    public required long GradientBytes { get; init; }

    /// <summary>The optimizer state this device keeps (with the fp32 master copy where the strategy has one).</summary>
    public required long OptimizerStateBytes { get; init; }

    /// <summary>The activation peak of one micro-batch: the single-device model's, unchanged by sharding.</summary>
    public required long ActivationPeakBytes { get; init; }

    /// <summary>Every communication buffer together (<see cref="ParallelCommunication"/>).</summary>
    public required long CommunicationBufferBytes { get; init; }

    /// <summary>The device's peak: every part + max(activation peak, step temporaries).</summary>
    public required long TotalBytes { get; init; }

    /// <summary>Model buffers (BatchNorm running statistics), the input micro-batch and its labels: never sharded.</summary>
    public long BufferAndInputBytes { get; init; }

    /// <summary>The optimizer step's temporaries (and, for ZeRO in fp16/bf16 mode, the fp32 copy of the gradient partition).</summary>
    public long StepTemporaryBytes { get; init; }

    /// <summary>Elements the implementation adds, over all devices, to make the sharded tensors divide evenly.</summary>
    public long PaddingElements { get; init; }

    /// <summary>CUDA only: what the device must have free (context, NCCL, allocator rounding included); null on CPU.</summary>
    public long? ReservedBytes { get; init; }
}
