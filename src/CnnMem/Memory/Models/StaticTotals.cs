using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>What <see cref="StaticStorages"/> found: the byte totals of the static storages.</summary>
internal sealed class StaticTotals
{
    internal long InputBytes { get; set; }

    internal long ParamBytes { get; set; }

    internal long BufferBytes { get; set; }

    internal long TrainableBytes { get; set; }

    internal int TrainableTensors { get; set; }

    internal long Largest { get; set; }
}
