using System.Collections.Immutable;
using CnnMem.Memory.Parallel;
using CnnMem.Reports;

namespace CnnMem.Tests.Memory.Parallel;

/// <summary>Hand-made single-device results for the per-device model's tests: two parameters, Adam, float32.</summary>
internal static class ParallelCases
{
    /// <summary>
    /// /a/Conv: 200,000 elements (1000 rows of 200); /b/Conv: 10 elements (10 rows). Single device: weights 800,040 bytes,
    /// gradients the same, Adam state 2 x 800,040 + 2 x 4, step temporaries 2 x 800,000, activations 5,000 (forward) and
    /// 7,000 (backward), buffers + input + labels 1,000.
    /// </summary>
    public static ParallelInput TwoParams(bool amp = false, bool secondTrainable = true)
    {
        var ps = ImmutableArray.Create(
            new ParamEntry("/a/Conv", "a.weight", 200_000, 1000, 4, true),
            new ParamEntry("/b/Conv", "b.weight", 10, 10, 4, secondTrainable));
        return new ParallelInput(Training(800_040, secondTrainable ? 800_040 : 800_000, secondTrainable ? 2 : 1, 1_000, 5_000, 7_000, 1_600_000), ps, Optimizer.Adam, amp, MicroBatch: 8);
    }

    public static TrainingMemory Training(long paramBytes, long gradBytes, int tensors, long other, long forward, long backward, long temp)
    {
        var state = checked((2 * gradBytes) + (4L * tensors));
        return new TrainingMemory
        {
            Optimizer = Optimizer.Adam,
            StaticBytes = paramBytes + other,
            SavedForBackwardBytes = 0,
            ForwardPeakBytes = forward,
            ForwardPeakAt = "",
            AfterForwardBytes = 0,
            BackwardPeakBytes = backward,
            BackwardPeakAt = "",
            SteadyBackwardPeakBytes = backward,
            GradientBytes = gradBytes,
            OptimizerStateBytes = state,
            OptimizerStepTemporaryBytes = temp,
            StepPeakBytes = gradBytes + state + temp,
            SteadyPeakBytes = gradBytes + state + Math.Max(forward, Math.Max(backward, temp)),
            Layers = [],
        };
    }
}
