namespace CnnMem.Reports;

/// <summary>Memory at one batch size: inference and one training step (null without a training model), bytes, on the report's backend.</summary>
public sealed record BatchSweepPoint(long Batch, long InferenceBytes, long? TrainingBytes);
