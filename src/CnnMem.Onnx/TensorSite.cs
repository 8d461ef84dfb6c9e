namespace CnnMem.Onnx;

/// <summary>Where a tensor sits in the model, for error messages (formatted only when an error is raised).</summary>
/// <param name="Node">The node whose attribute holds the tensor; null for an initializer.</param>
/// <param name="Name">The initializer's name, or the attribute's.</param>
internal readonly record struct TensorSite(string? Node, string Name)
{
    public string Describe() => Node is null ? $"initializer '{Name}'" : $"node '{Node}' attribute '{Name}'";
}
