using CnnMem.Graphs;

namespace CnnMem.Import.Keras;

/// <summary>
/// Where the layers of a model used as a layer go: named under <see cref="Prefix"/> (the call's output,
/// <c>encoder</c> or <c>encoder@1</c>), their parameters under <see cref="ParamPrefix"/> (the first call's, so
/// every call shares them), all in the outer layer's row (<see cref="Group"/>), frozen when it is.
/// </summary>
internal sealed record KerasNesting(string Prefix, string ParamPrefix, LayerGroup Group, bool Trainable);
