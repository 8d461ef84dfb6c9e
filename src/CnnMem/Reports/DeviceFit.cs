namespace CnnMem.Reports;

/// <summary>A GPU's memory and the largest inference and training batches that fit it (0: not even batch 1; null: no training model).</summary>
public sealed record DeviceFit(string Name, long Bytes, long MaxInferenceBatch, long? MaxTrainingBatch);
