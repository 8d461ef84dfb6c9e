namespace CnnMem;

/// <summary>
/// How shapes are shown to the user. Analysis is always NCHW (channels first, as PyTorch and ONNX);
/// a spec written as H x W x C (the classic answer's way) is shown back in that layout.
/// </summary>
public enum DisplayLayout
{
    /// <summary>As stored: N, C, H, W (ONNX, PyTorch).</summary>
    ChannelsFirst,

    /// <summary>Channels last: N, H, W, C (the spec's default, Keras).</summary>
    ChannelsLast,
}
