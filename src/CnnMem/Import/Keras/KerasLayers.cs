using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Import.Keras;

/// <summary>
/// Translates one Keras layer into a chain of canonical ops (<see cref="KerasOp"/>) and the Keras rank of its
/// output. Names and arguments only: the op rules infer shapes, parameters and costs. A class this table does
/// not know becomes a node of domain <c>keras</c>, which shape inference reports (or, with --allow-unknown,
/// skips with a warning).
/// </summary>
internal static class KerasLayers
{
    public const string UnknownDomain = "keras";

    public static (ImmutableArray<KerasOp> Ops, int Rank) Translate(KerasCall call, KerasLayout layout, int rank) =>
        Spatial(call, layout, rank) ?? Other(call, layout, rank);

    /// <summary>Convolutions, pooling, padding, cropping, upsampling and Dense; null for other classes.</summary>
    private static (ImmutableArray<KerasOp>, int)? Spatial(KerasCall call, KerasLayout layout, int rank)
    {
        var c = call.Config;
        var spatial = KerasSpatialLayers.SpatialRank(call.ClassName);
        switch (call.ClassName)
        {
            case "Conv1D" or "Conv2D" or "Conv3D" or "Convolution1D" or "Convolution2D" or "Convolution3D":
                return (WithActivation(c, KerasSpatialLayers.Conv(c, spatial, depthwise: false, c.Bool("use_bias", true), "conv"), layout, rank), rank);
            case "DepthwiseConv1D" or "DepthwiseConv2D":
                return (WithActivation(c, KerasSpatialLayers.Conv(c, spatial, depthwise: true, c.Bool("use_bias", true), "depthwise"), layout, rank), rank);
            case "SeparableConv1D" or "SeparableConv2D" or "SeparableConvolution1D" or "SeparableConvolution2D":
                return (WithActivation(c, [KerasSpatialLayers.Conv(c, spatial, depthwise: true, bias: false, "depthwise"), KerasSpatialLayers.Pointwise(c, spatial, "pointwise")], layout, rank), rank);
            case "Conv1DTranspose" or "Conv2DTranspose" or "Conv3DTranspose" or "Deconvolution2D" or "Deconvolution3D":
                return (WithActivation(c, KerasSpatialLayers.ConvTranspose(c, spatial, "deconv"), layout, rank), rank);
            case "Dense":
                return (WithActivation(c, Dense(c, layout, rank), layout, rank), rank);
            case "MaxPooling1D" or "MaxPooling2D" or "MaxPooling3D" or "MaxPool1D" or "MaxPool2D" or "MaxPool3D":
                return ([KerasSpatialLayers.Pool(c, "MaxPool", spatial)], rank);
            case "AveragePooling1D" or "AveragePooling2D" or "AveragePooling3D" or "AvgPool1D" or "AvgPool2D" or "AvgPool3D":
                return ([KerasSpatialLayers.Pool(c, "AveragePool", spatial)], rank);
            case "GlobalAveragePooling1D" or "GlobalAveragePooling2D" or "GlobalAveragePooling3D" or "GlobalAvgPool1D" or "GlobalAvgPool2D" or "GlobalAvgPool3D":
                return GlobalPool(c, "GlobalAveragePool", rank);
            case "GlobalMaxPooling1D" or "GlobalMaxPooling2D" or "GlobalMaxPooling3D" or "GlobalMaxPool1D" or "GlobalMaxPool2D" or "GlobalMaxPool3D":
                return GlobalPool(c, "GlobalMaxPool", rank);
            case "ZeroPadding1D" or "ZeroPadding2D" or "ZeroPadding3D":
                return ([KerasSpatialLayers.ZeroPadding(c, spatial)], rank);
            case "Cropping1D" or "Cropping2D" or "Cropping3D":
                return ([KerasSpatialLayers.Cropping(c, spatial)], rank);
            case "UpSampling1D" or "UpSampling2D" or "UpSampling3D":
                return ([KerasSpatialLayers.UpSampling(c, spatial)], rank);
            default:
                return null;
        }
    }

    private static (ImmutableArray<KerasOp>, int) Other(KerasCall call, KerasLayout layout, int rank)
    {
        var c = call.Config;
        var cls = call.ClassName;
        switch (cls)
        {
            case "Flatten":
                return ([Op("Flatten", ("axis", AttrValue.Of(1L)))], 2);
            case "Reshape":
                return Reshape(c, layout);
            case "Permute":
                long[] perm = [0, .. c.Require("dims").Items().Select(d => d.Int())];
                return ([Op("Transpose", ("perm", AttrValue.Of(layout.Perm(perm))))], rank);
            case "Dropout" or "SpatialDropout1D" or "SpatialDropout2D" or "SpatialDropout3D" or "GaussianDropout" or "AlphaDropout":
                return ([Op("Dropout", ("ratio", AttrValue.Of(c.Float("rate", c.Float("p", 0.5)))))], rank);
            case "Activation":
                return (KerasActivations.Op(c.Require("activation"), layout, rank, "") is { } a ? [a] : [Op("Identity")], rank);
            case "ReLU":
                return ([Relu(c)], rank);
            case "LeakyReLU":
                return ([Op("LeakyRelu", ("alpha", AttrValue.Of(c.Float("negative_slope", c.Float("alpha", 0.3)))))], rank);
            case "ELU":
                return ([Op("Elu", ("alpha", AttrValue.Of(c.Float("alpha", 1.0))))], rank);
            case "ThresholdedReLU":
                return ([Op("ThresholdedRelu", ("alpha", AttrValue.Of(c.Float("theta", 1.0))))], rank);
            case "Softmax":
                return ([Op("Softmax", ("axis", AttrValue.Of(layout.Axis(AxisOf(c, -1), rank, "axis"))))], rank);
            case "BatchNormalization":
                return ([BatchNorm(c, layout, rank)], rank);
            case "LayerNormalization":
                return ([LayerNorm(c, layout, rank)], rank);
            case "Embedding":
                return Embedding(c, layout, rank);
            case "Add":
                return ([Op("Add")], rank);
            case "Subtract":
                return ([Op("Sub")], rank);
            case "Multiply":
                return ([Op("Mul")], rank);
            case "Average":
                return ([Op("Mean")], rank);
            case "Maximum":
                return ([Op("Max")], rank);
            case "Minimum":
                return ([Op("Min")], rank);
            case "Concatenate":
                return ([Op("Concat", ("axis", AttrValue.Of(layout.Axis(AxisOf(c, -1), rank, "axis"))))], rank);
            default:
                return ([new KerasOp(cls, Attributes.Empty, "", UnknownDomain)], rank);
        }
    }

    private static KerasOp Op(string op, params (string, AttrValue)[] attrs) => new(op, Attributes.From(attrs), "");

    private static ImmutableArray<KerasOp> WithActivation(JsonAt c, KerasOp op, KerasLayout layout, int rank) => WithActivation(c, [op], layout, rank);

    private static ImmutableArray<KerasOp> WithActivation(JsonAt c, ImmutableArray<KerasOp> ops, KerasLayout layout, int rank) =>
        c.Get("activation") is { } a && KerasActivations.Op(a, layout, rank, "activation") is { } act ? ops.Add(act) : ops;

    /// <summary>Dense on (N, features) is a linear layer; on (N, ..., features) it applies to the last axis, the channels here: a 1x1 convolution.</summary>
    private static KerasOp Dense(JsonAt c, KerasLayout layout, int rank)
    {
        var units = c.Require("units").Int();
        var bias = AttrValue.Of(c.Bool("use_bias", true) ? 1L : 0L);
        if (rank <= 2)
        {
            return new KerasOp("Linear", Attributes.From(("units", AttrValue.Of(units)), ("bias", bias)), "dense", "cnnmem");
        }
        if (!layout.ChannelsLast)
        {
            throw new OpException($"Dense on a rank {rank} tensor in a channels_first model is not supported");
        }
        return new KerasOp("Conv", Attributes.From(("filters", AttrValue.Of(units)), ("kernel_shape", AttrValue.Of(Enumerable.Repeat(1L, rank - 2))), ("bias", bias)), "dense");
    }

    private static KerasOp Relu(JsonAt c)
    {
        var slope = c.Float("negative_slope", 0);
        var max = c.Get("max_value")?.Float();
        return slope != 0 ? Op("LeakyRelu", ("alpha", AttrValue.Of(slope)))
            : max == 6 ? new KerasOp("Relu6", Attributes.Empty, "", "cnnmem")
            : Op("Relu");
    }

    private static (ImmutableArray<KerasOp>, int) GlobalPool(JsonAt c, string op, int rank)
    {
        var keep = c.Bool("keepdims", false);
        return keep ? ([Op(op)], rank) : ([new KerasOp(op, Attributes.Empty, "pool"), new KerasOp("Flatten", Attributes.From(("axis", AttrValue.Of(1L))), "flatten")], 2);
    }

    private static (ImmutableArray<KerasOp>, int) Reshape(JsonAt c, KerasLayout layout)
    {
        long[] target = [0, .. c.Require("target_shape").Items().Select(d => d.IsNull ? -1 : d.Int())];
        return ([Op("Reshape", ("shape", AttrValue.Of(layout.Dims(target))))], target.Length);
    }

    private static (ImmutableArray<KerasOp>, int) Embedding(JsonAt c, KerasLayout layout, int rank)
    {
        var lookup = new KerasOp("Embedding", Attributes.From(
            ("num_embeddings", AttrValue.Of(c.Require("input_dim").Int())),
            ("embedding_dim", AttrValue.Of(c.Require("output_dim").Int()))), "lookup", "cnnmem");
        var outRank = rank + 1;
        if (!layout.ChannelsLast || outRank < 3)
        {
            return ([lookup], outRank);
        }
        // the vectors are Keras's last axis: move them to the channel axis like every other tensor of the model
        long[] perm = [0, outRank - 1, .. Enumerable.Range(1, outRank - 2).Select(a => (long)a)];
        return ([lookup, new KerasOp("Transpose", Attributes.From(("perm", AttrValue.Of(perm))), "channels_first")], outRank);
    }

    private static KerasOp BatchNorm(JsonAt c, KerasLayout layout, int rank)
    {
        var axis = layout.Axis(AxisOf(c, -1), rank, "axis");
        if (axis != 1)
        {
            throw new OpException($"normalizes axis {AxisOf(c, -1)}, which is not the channel axis; cnnmem supports BatchNormalization over channels only");
        }
        return Op("BatchNormalization",
            ("epsilon", AttrValue.Of(c.Float("epsilon", 1e-3))),
            ("momentum", AttrValue.Of(c.Float("momentum", 0.99))),
            ("scale", AttrValue.Of(c.Bool("scale", true) ? 1L : 0L)),
            ("center", AttrValue.Of(c.Bool("center", true) ? 1L : 0L)));
    }

    private static KerasOp LayerNorm(JsonAt c, KerasLayout layout, int rank)
    {
        var axis = AxisOf(c, -1);
        if (axis != -1 && axis != rank - 1)
        {
            throw new OpException($"normalizes axis {axis}; cnnmem supports LayerNormalization over the last axis only");
        }
        if (!c.Bool("center", true) || !c.Bool("scale", true))
        {
            throw new OpException("has center or scale off, which cnnmem does not support");
        }
        var eps = ("epsilon", AttrValue.Of(c.Float("epsilon", 1e-3)));
        // channels last: Keras's last axis is the channel axis, which a spec-style layer norm normalizes by default
        return layout.ChannelsLast ? Op("LayerNormalization", eps) : Op("LayerNormalization", eps, ("axis", AttrValue.Of(-1L)));
    }

    /// <summary>An <c>axis</c> argument: an integer or a list of one.</summary>
    private static long AxisOf(JsonAt c, long fallback)
    {
        if (c.Get("axis") is not { } a)
        {
            return fallback;
        }
        return a.Kind == System.Text.Json.JsonValueKind.Array ? a.Ints(1)[0] : a.Int();
    }
}
