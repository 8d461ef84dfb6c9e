namespace CnnMem;

/// <summary>What <c>optimizer.zero_grad()</c> does between steps.</summary>
public enum ZeroGradMode
{
    /// <summary>Gradients are set to None (PyTorch 2.x's default): backward allocates them anew each step.</summary>
    SetToNone,

    /// <summary>Gradients are zeroed in place (PyTorch 1.13's default): they stay allocated and backward adds into them.</summary>
    Zero,
}
