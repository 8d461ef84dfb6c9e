namespace CnnMem.Ops.Fusion;

/// <summary>
/// What the fused kernel does to the pattern's nodes. Except <see cref="InPlace"/>, the pattern's last node (in graph
/// order) keeps what the fused op keeps (<see cref="FusionPattern.Keeps"/>, <see cref="FusionPattern.Stats"/>) and
/// every other node keeps nothing.
/// </summary>
internal enum FusionEffect
{
    /// <summary>The other nodes keep nothing; their outputs still exist (a Pad before an AveragePool).</summary>
    KeepsNothing,

    /// <summary>One element-wise kernel: in inference the other nodes' outputs are never materialized either.</summary>
    Elementwise,

    /// <summary>In training the other nodes' outputs (and their gradients) are never materialized (fused attention).</summary>
    NeverMaterialized,

    /// <summary>The anchor writes its result into its input 0 (in the matched order) and keeps nothing; no other node changes.</summary>
    InPlace,
}
