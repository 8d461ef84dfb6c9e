using System.Collections.Immutable;
using CnnMem.Ops.Rules;

namespace CnnMem.Ops;

/// <summary>
/// Every op rule in the library, listed explicitly (no reflection scan, so the CLI compiles ahead of
/// time and trimming keeps them). A new rule needs one row here; a test checks that every
/// <see cref="IOpRule"/> type in the assembly is listed. Ordered by full type name.
/// </summary>
internal static class BuiltInOpRules
{
    /// <summary>One instance of each built-in rule.</summary>
    public static ImmutableArray<IOpRule> All { get; } =
    [
        new ActivationRule(),
        new AdaptiveAvgPoolRule(),
        new BatchNormRule(),
        new BinaryArithmeticRule(),
        new ClipRule(),
        new CnnMemActivationRule(),
        new ComparisonRule(),
        new ConcatRule(),
        new ConvRule(),
        new ConvTransposeRule(),
        new DropoutRule(),
        new EmbeddingRule(),
        new FlattenRule(),
        new GemmRule(),
        new GlobalPoolRule(),
        new IdentityRule(),
        new InstanceNormRule(),
        new LayerNormRule(),
        new LinearRule(),
        new MatMulRule(),
        new Rules.Onnx.ArgMaxRule(),
        new Rules.Onnx.CastRule(),
        new Rules.Onnx.CompressRule(),
        new Rules.Onnx.ConstantOfShapeRule(),
        new Rules.Onnx.ConstantRule(),
        new Rules.Onnx.DepthToSpaceRule(),
        new Rules.Onnx.DetRule(),
        new Rules.Onnx.EinsumRule(),
        new Rules.Onnx.ExpandRule(),
        new Rules.Onnx.EyeLikeRule(),
        new Rules.Onnx.GatherElementsRule(),
        new Rules.Onnx.GatherRule(),
        new Rules.Onnx.GridSampleRule(),
        new Rules.Onnx.LossRule(),
        new Rules.Onnx.LrnRule(),
        new Rules.Onnx.MaxUnpoolRule(),
        new Rules.Onnx.MeanVarianceNormalizationRule(),
        new Rules.Onnx.MelWeightMatrixRule(),
        new Rules.Onnx.NonMaxSuppressionRule(),
        new Rules.Onnx.NonZeroRule(),
        new Rules.Onnx.OneHotRule(),
        new Rules.Onnx.PadRule(),
        new Rules.Onnx.QuantizeRule(),
        new Rules.Onnx.RandomRule(),
        new Rules.Onnx.RangeRule(),
        new Rules.Onnx.RecurrentRule(),
        new Rules.Onnx.ReduceRule(),
        new Rules.Onnx.ReshapeRule(),
        new Rules.Onnx.ResizeRule(),
        new Rules.Onnx.RoiAlignRule(),
        new Rules.Onnx.SameShapeRule(),
        new Rules.Onnx.ShapeRule(),
        new Rules.Onnx.SignalRule(),
        new Rules.Onnx.SizeRule(),
        new Rules.Onnx.SliceRule(),
        new Rules.Onnx.SplitRule(),
        new Rules.Onnx.SqueezeRule(),
        new Rules.Onnx.TextRule(),
        new Rules.Onnx.TileRule(),
        new Rules.Onnx.TopKRule(),
        new Rules.Onnx.TrainingOptimizerRule(),
        new Rules.Onnx.TransposeRule(),
        new Rules.Onnx.UniqueRule(),
        new Rules.Onnx.UnsqueezeRule(),
        new Rules.Onnx.WhereRule(),
        new Rules.Onnx.WindowRule(),
        new PReluRule(),
        new PoolRule(),
        new SoftmaxRule(),
        new StochasticDepthRule(),
        new UnaryMathRule(),
        new VariadicElementwiseRule(),
    ];
}
