namespace CnnMem.Memory.Trace;

/// <summary>The ids of cross-entropy's tensors in a trace: its log-softmax, total_weight and the loss scalar (-1 when there is no loss).</summary>
internal sealed record LossTensors(int LogSoftmax, int TotalWeight, int Loss);
