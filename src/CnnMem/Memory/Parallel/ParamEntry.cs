namespace CnnMem.Memory.Parallel;

/// <summary>
/// One parameter tensor as the sharding model needs it: the node (module path) it belongs to, its elements, its dim-0
/// size (FSDP2 shards on dim 0), its element size and whether it trains. Buffers are not parameters here.
/// </summary>
internal sealed record ParamEntry(string Node, string Name, long Elements, long Dim0, int ElementBytes, bool Trainable)
{
    public long Bytes => checked(Elements * ElementBytes);
}
