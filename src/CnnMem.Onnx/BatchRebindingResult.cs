using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Onnx;

/// <summary>Graph inputs and declared shapes after <see cref="BatchRebinding"/>, with the batch symbol and the file's fixed batch (if any).</summary>
internal sealed record BatchRebindingResult(
    ImmutableArray<TensorInfo> Inputs,
    IReadOnlyDictionary<string, TensorInfo> Declared,
    string? BatchSymbol,
    long? DefaultBatch);
