namespace CnnMem.Graphs;

/// <summary>
/// An op rule's complaint about one node (bad attribute, incompatible shapes). Shape inference
/// catches it and re-throws it with the node's name, op and source location.
/// </summary>
internal sealed class OpException : CnnMemException
{
    public OpException(string message) : base(message)
    {
    }
}
