namespace CnnMem.Graphs;

/// <summary>
/// The source-format layer a node implements, when a format's layer becomes several canonical nodes
/// (a Keras <c>Dense</c> with an activation, a <c>SeparableConv2D</c>) or is called more than once (a
/// shared Keras layer). The report shows one row per layer: its name, <see cref="Kind"/> (the format's
/// class name), the parameters of all its nodes and the output of each call.
/// </summary>
/// <param name="Name">The layer's name in the source model.</param>
/// <param name="Kind">The layer's class in the source format (e.g. <c>Conv2D</c>).</param>
/// <param name="Call">Which call of the layer the node belongs to (0 for the first).</param>
internal sealed record LayerGroup(string Name, string Kind, int Call = 0);
