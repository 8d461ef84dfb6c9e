namespace CnnMem.Ops.Fusion;

/// <summary>How a step of a fusion pattern finds its node from a tensor already bound.</summary>
internal enum FusionStepKind
{
    /// <summary>The node the recognizer starts from: every node of one of the step's op types is tried.</summary>
    Anchor,

    /// <summary>The node that produces the step's tensor (an input of a bound node).</summary>
    Producer,

    /// <summary>The only node that reads the step's tensor (an output of a bound node, read once in the whole graph).</summary>
    SoleReader,
}
