namespace CnnMem.Ops;

/// <summary>Where a tensor kept for backward comes from.</summary>
internal enum SavedSource
{
    /// <summary>One of the op's inputs (by index); shares storage with it.</summary>
    Input,

    /// <summary>One of the op's outputs (by index); shares storage with it.</summary>
    Output,

    /// <summary>A new tensor the forward allocates just to keep (pooling indices, dropout mask, BN statistics).</summary>
    Extra,
}
