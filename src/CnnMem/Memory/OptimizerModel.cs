using CnnMem.Core;

namespace CnnMem.Memory;

/// <summary>
/// PyTorch's optimizers (the for-loop path, 1.13's default, and the foreach path, 2.x's default on CUDA):
/// - state: momentum and RMSprop one buffer per parameter, Adam/AdamW two moments, Adagrad a sum of squares;
///   Adam, AdamW and Adagrad also keep a float32 0-d <c>step</c> tensor per parameter tensor;
/// - step temporaries, per parameter tensor, so the largest one decides: Adam/AdamW <c>sqrt</c> and <c>div</c>
///   (2x), RMSprop and Adagrad <c>sqrt</c> (1x), SGD and momentum update in place.
/// </summary>
internal static class OptimizerModel
{
    /// <summary>The optimizer state in bytes; <paramref name="stepTensorsOnDevice"/>: whether the 4-byte <c>step</c> tensors live where the state does (PyTorch keeps them on the CPU unless capturable).</summary>
    public static long StateBytes(Optimizer o, long paramBytes, int paramTensors, bool stepTensorsOnDevice = true)
    {
        var steps = stepTensorsOnDevice ? 4L * paramTensors : 0;
        return o switch
        {
            Optimizer.Sgd => 0,
            Optimizer.Momentum or Optimizer.RmsProp => paramBytes,
            Optimizer.Adam or Optimizer.AdamW => checked((2 * paramBytes) + steps),
            Optimizer.Adagrad => checked(paramBytes + steps),
            _ => throw new ArgumentOutOfRangeException(nameof(o)),
        };
    }

    /// <summary>The step's temporaries: per parameter for the for-loop path (the largest decides), for all parameters at once on the foreach path.</summary>
    public static long StepTemporaryBytes(Optimizer o, long largestParamBytes, long totalParamBytes = 0, bool multiTensor = false) => o switch
    {
        Optimizer.Adam or Optimizer.AdamW => multiTensor ? totalParamBytes : checked(2 * largestParamBytes),
        Optimizer.RmsProp or Optimizer.Adagrad => multiTensor ? totalParamBytes : largestParamBytes,
        _ => 0,
    };
}
