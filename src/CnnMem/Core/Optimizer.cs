namespace CnnMem.Core;

/// <summary>Training optimizers whose state cnnmem models.</summary>
public enum Optimizer
{
    Sgd,
    Momentum,
    Adam,
    AdamW,
    RmsProp,
    Adagrad,
}
