using CnnMem.Core;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Storages;

/// <summary>Step 1 of <see cref="StorageGraphBuilder"/>: the storages that exist before a step (inputs, parameters, buffers, constants).</summary>
internal static class StaticStorages
{
    /// <summary>Adds them to <paramref name="s"/> and returns their totals (master weights stay float32 under autocast).</summary>
    internal static StaticTotals Add(BuildState s)
    {
        var t = new StaticTotals();
        foreach (var i in s.Inference.Inputs)
        {
            var b = i.Bytes ?? 0;
            t.InputBytes = checked(t.InputBytes + b);
            s.Map[i.Name] = s.Add(i.Name, b, StorageKind.Input, -1);
        }
        foreach (var (name, (spec, trainable)) in s.Facts.RolesByName)
        {
            var bytes = checked(spec.Elements * DTypes.SizeOf(s.Options.MixedPrecision && DTypes.IsFloat(spec.DType) ? DType.Float32 : spec.DType));
            if (spec.IsBuffer)
            {
                t.BufferBytes = checked(t.BufferBytes + bytes);
            }
            else
            {
                t.ParamBytes = checked(t.ParamBytes + bytes);
                if (trainable)
                {
                    t.TrainableBytes = checked(t.TrainableBytes + bytes);
                    t.TrainableTensors++;
                    t.Largest = Math.Max(t.Largest, bytes);
                }
            }
            s.Map[name] = s.Add(name, bytes, spec.IsBuffer ? StorageKind.Buffer : StorageKind.Parameter, -1);
        }
        foreach (var init in s.Facts.InitializerNames)
        {
            if (!s.Map.ContainsKey(init))
            {
                s.Map[init] = s.Add(init, 0, StorageKind.Constant, -1);
            }
        }
        return t;
    }
}
