using CnnMem.Core;

namespace CnnMem.Memory;

/// <summary>
/// PyTorch 1.13 single-tensor optimizers:
/// - state: momentum and RMSprop one buffer per parameter, Adam/AdamW two moments, Adagrad a sum of squares;
///   Adam, AdamW and Adagrad also keep a float32 0-d <c>step</c> tensor per parameter tensor;
/// - step temporaries, per parameter tensor, so the largest one decides: Adam/AdamW <c>sqrt</c> and <c>div</c>
///   (2x), RMSprop and Adagrad <c>sqrt</c> (1x), SGD and momentum update in place.
/// </summary>
public static class OptimizerModel
{
    public static long StateBytes(Optimizer o, long paramBytes, int paramTensors) => o switch
    {
        Optimizer.Sgd => 0,
        Optimizer.Momentum or Optimizer.RmsProp => paramBytes,
        Optimizer.Adam or Optimizer.AdamW => checked((2 * paramBytes) + (4L * paramTensors)),
        Optimizer.Adagrad => checked(paramBytes + (4L * paramTensors)),
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    public static long StepTemporaryBytes(Optimizer o, long largestParamBytes) => o switch
    {
        Optimizer.Adam or Optimizer.AdamW => checked(2 * largestParamBytes),
        Optimizer.RmsProp or Optimizer.Adagrad => largestParamBytes,
        _ => 0,
    };
}
