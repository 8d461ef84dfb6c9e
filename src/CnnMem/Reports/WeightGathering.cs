namespace CnnMem.Reports;

/// <summary>Whether a strategy gathers sharded weights to compute with them, and by which pieces of the model.</summary>
public enum WeightGathering
{
    /// <summary>Every device computes with weights it holds whole: nothing is gathered.</summary>
    None,

    /// <summary>DeepSpeed ZeRO-3: each module's weights when it runs, the next one prefetched; its full gradients are held until its bucket.</summary>
    PerModule,

    /// <summary>PyTorch FSDP2: each unit's weights, the next one prefetched, and the root's for the whole step; a unit's unsharded gradients and its reduce-scatter input are held together.</summary>
    PerUnit,
}
