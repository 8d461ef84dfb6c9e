namespace CnnMem.Reports;

/// <summary>The precision of a multi-device step (<c>memory.parallel.setup.precision</c>): what dtype the weights, gradients and gathers have.</summary>
public enum ParallelPrecision
{
    /// <summary>Everything in float32, the model's dtype (JSON: <c>fp32</c>).</summary>
    Fp32,

    /// <summary>A half-precision model without autocast (JSON: <c>half</c>).</summary>
    Half,

    /// <summary>A float64 model (JSON: <c>fp64</c>).</summary>
    Fp64,

    /// <summary>DDP under autocast: fp32 weights and gradients, half activations (JSON: <c>autocast</c>).</summary>
    Autocast,

    /// <summary>FSDP2's MixedPrecisionPolicy: fp32 shards, half all-gathers (JSON: <c>autocast_half_gather</c>).</summary>
    AutocastHalfGather,

    /// <summary>DeepSpeed fp16/bf16 mode: half weights and gradients, fp32 master weights in the optimizer state (JSON: <c>half_fp32_master</c>).</summary>
    HalfFp32Master,
}
