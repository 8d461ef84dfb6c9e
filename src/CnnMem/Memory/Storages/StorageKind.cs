namespace CnnMem.Memory.Storages;

/// <summary>What a block of memory holds; decides whether it is part of the static baseline.</summary>
internal enum StorageKind
{
    /// <summary>A graph input (already allocated before a step, like the input batch).</summary>
    Input,

    /// <summary>A learned parameter.</summary>
    Parameter,

    /// <summary>Non-learned state (BatchNorm running statistics).</summary>
    Buffer,

    /// <summary>Shape arithmetic and constants the exporter adds; PyTorch never allocates them as tensors.</summary>
    Constant,

    /// <summary>A tensor an op writes in the forward pass.</summary>
    Activation,

    /// <summary>A tensor an op allocates only to keep for backward (pooling indices, dropout masks, statistics).</summary>
    SavedExtra,
}
