namespace CnnMem;

/// <summary>Training optimizers whose state cnnmem models.</summary>
public enum Optimizer
{
    /// <summary>Plain SGD: no state.</summary>
    Sgd,
    /// <summary>SGD with momentum: one buffer per trainable weight.</summary>
    Momentum,
    /// <summary>Adam: two moment buffers per trainable weight.</summary>
    Adam,
    /// <summary>AdamW (decoupled weight decay): two moment buffers per trainable weight.</summary>
    AdamW,
    /// <summary>RMSprop: one squared-average buffer per trainable weight.</summary>
    RmsProp,
    /// <summary>Adagrad: one accumulated-square buffer per trainable weight.</summary>
    Adagrad,
}
