namespace CnnMem.Reports;

/// <summary>
/// The settings the framework model ran with, echoed in the report so every figure can be traced to
/// them (<c>memory.model</c> in JSON).
/// </summary>
/// <param name="Framework">Whose semantics: "pytorch-1.13".</param>
/// <param name="Backend">"cpu" or "cuda".</param>
/// <param name="Mkldnn">CPU: whether oneDNN convolutions were modelled.</param>
/// <param name="Threads">CPU intra-op threads (PyTorch's convolution backend choice depends on it).</param>
/// <param name="MixedPrecision">Autocast: half activations for conv/linear/matmul, fp32 master weights.</param>
/// <param name="CheckpointEvery">Activation checkpointing: 0 off, K every K layers, -1 every sqrt(n) layers.</param>
/// <param name="Alignment">Arena alignment of the inference plans, bytes.</param>
public sealed record MemoryModelSettings(
    string Framework,
    string Backend,
    bool Mkldnn,
    int Threads,
    bool MixedPrecision,
    int CheckpointEvery,
    long Alignment);
