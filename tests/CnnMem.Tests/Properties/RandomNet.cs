namespace CnnMem.Tests.Properties;

/// <summary>A generated chain network's spec text and the figures worked out independently while writing it.</summary>
public sealed record RandomNet(string Text, long Params, long TrainableParams, long ActivationsPerSample)
{
    public override string ToString() => Text;
}
