using System.Collections.Immutable;

namespace CnnMem.Import.Keras;

/// <summary>One call of a Keras layer: its config, which call it is, the tensors it reads and the one it writes.</summary>
/// <param name="Layer">The layer's object (class_name, config, ...).</param>
/// <param name="Config">The layer's <c>config</c> object.</param>
/// <param name="ClassName">Keras class (<c>Conv2D</c>).</param>
/// <param name="Name">The layer's name.</param>
/// <param name="Call">0 for the first call; a shared layer has more.</param>
/// <param name="Inputs">Tensor names it reads, in order.</param>
internal sealed record KerasCall(JsonAt Layer, JsonAt Config, string ClassName, string Name, int Call, ImmutableArray<string> Inputs)
{
    /// <summary>The tensor this call writes: the layer's name for its first call, <c>name@k</c> for call k.</summary>
    public string Output => TensorName(Name, Call);

    /// <summary>A model used as a layer (its layers are read as a nested topology).</summary>
    public bool IsModel => ClassName is "Sequential" or "Functional" or "Model";

    public static string TensorName(string layer, long call) => call == 0 ? layer : $"{layer}@{call}";
}
