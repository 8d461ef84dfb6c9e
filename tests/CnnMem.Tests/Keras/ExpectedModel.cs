namespace CnnMem.Tests.Keras;

/// <summary>A model's figures as TensorFlow.js reports them.</summary>
internal sealed record ExpectedModel(long Params, long TrainableParams, IReadOnlyList<ExpectedLayer> Layers);
