namespace CnnMem.Tests.Keras;

/// <summary>One layer as TensorFlow.js reports it: output shape (null batch), countParams() and trainable parameters.</summary>
internal sealed record ExpectedLayer(string Name, string ClassName, long?[] OutputShape, long Params, long TrainableParams);
