using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Onnx;

/// <summary>Reads an ONNX model (weights optional: external data need not exist) into a <see cref="ModelGraph"/>. (Being written: placeholder API.)</summary>
public static class OnnxImporter
{
    public static ModelGraph Import(string path) =>
        throw new CnnMemException($"{path}: ONNX import is not implemented yet");

    public static ModelGraph ImportBytes(byte[] data, string source) =>
        throw new CnnMemException($"{source}: ONNX import is not implemented yet ({data.Length} bytes)");
}
