using CnnMem.Graphs;

namespace CnnMem.Inference;

/// <summary>
/// Why shape inference could not infer one node: <paramref name="Message"/> is the whole sentence for people, led by
/// the node's name, op and source location (<see cref="Node.Describe"/>); <paramref name="Cause"/> is the rule's
/// complaint (an <see cref="OpException"/>, an overflow), null for an op without a rule.
/// </summary>
internal sealed record NodeError(Node Node, string Message, Exception? Cause)
{
    /// <summary>The error as an exception of its own, as shape inference threw it when it stopped at the first one.</summary>
    public CnnMemException ToException() => Cause is null ? new CnnMemException(Message) : new CnnMemException(Message, Cause);
}
