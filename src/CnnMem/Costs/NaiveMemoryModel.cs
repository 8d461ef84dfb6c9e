using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Costs;

/// <summary>
/// The textbook memory rule, exactly as the classic answer applies it:
/// activations = (input + every layer output) x dtype size, for one sample and for the batch;
/// training = activations + their gradients (same size) + weights + weight gradients (trainable only)
/// + optimizer state (slots x trainable weights).
/// </summary>
internal static class NaiveMemoryModel
{
    public static NaiveMemory Compute(Totals totals, DType dtype, Optimizer optimizer)
    {
        var size = DTypes.SizeOf(dtype);
        var activation = checked(totals.ActivationElements * size);
        var gradients = checked(totals.TrainableParams * size);
        var slots = OptimizerProfiles.Of(optimizer).Slots;
        return new NaiveMemory
        {
            ActivationBytesPerSample = checked(totals.ActivationElementsPerSample * size),
            ActivationBytes = activation,
            ActivationGradientBytes = activation,
            WeightBytes = totals.ParamBytes,
            WeightGradientBytes = gradients,
            OptimizerSlots = slots,
            OptimizerStateBytes = checked(gradients * slots),
        };
    }
}
