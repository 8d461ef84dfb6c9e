using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Onnx;

/// <summary>
/// Finds the batch dim so <c>--batch</c> can bind it.
/// 1. The batch input is the first float input of rank >= 1 (else the first input of rank >= 1).
/// 2. A symbolic leading dim (<c>N</c>, <c>batch</c>) is the batch symbol as it is.
/// 3. An unnamed leading dim gets the symbol from the options.
/// 4. A fixed leading dim (an export without a dynamic batch axis, e.g. 1 in resnet50.onnx) is,
///    for inputs of rank >= 2, replaced by the symbol in every input that leads with the same value
///    (rank >= 2, or rank 1 with an integer type: class labels [N]); the file's value becomes the default
///    batch, which the analysis keeps unless --batch asks for another (so declared shapes stay exact). Declared shapes leading with that value lose their
///    leading dim (unknown), so the cross-check does not complain at another batch size.
/// </summary>
internal static class BatchRebinding
{
    public static BatchRebindingResult Apply(ImmutableArray<TensorInfo> inputs, IReadOnlyDictionary<string, TensorInfo> declared, OnnxImportOptions options)
    {
        var batchInput = inputs.FirstOrDefault(i => DTypes.IsFloat(i.DType) && i.Shape.Rank >= 1)
            ?? inputs.FirstOrDefault(i => i.Shape.Rank >= 1);
        if (batchInput is null)
        {
            return new BatchRebindingResult(inputs, declared, null, null);
        }
        var lead = batchInput.Shape[0];
        if (lead.IsSymbol)
        {
            return new BatchRebindingResult(inputs, declared, lead.Symbol, null);
        }
        var symbol = FreshSymbol(inputs, options.BatchSymbol);
        if (lead.IsUnknown)
        {
            var replaced = inputs.Select(i => ReferenceEquals(i, batchInput) ? Lead(i, Dim.Sym(symbol)) : i).ToImmutableArray();
            return new BatchRebindingResult(replaced, declared, symbol, null);
        }
        if (!options.RebindStaticBatch || batchInput.Shape.Rank < 2)
        {
            return new BatchRebindingResult(inputs, declared, null, null);
        }
        var value = lead.Value!.Value;
        var rebound = inputs.Select(i => LeadsWithBatch(i, value) ? Lead(i, Dim.Sym(symbol)) : i).ToImmutableArray();
        var relaxed = new Dictionary<string, TensorInfo>(declared.Count, StringComparer.Ordinal);
        foreach (var (name, t) in declared)
        {
            relaxed[name] = t.Shape.Rank >= 1 && t.Shape[0].Value == value ? Lead(t, Dim.Unknown) : t;
        }
        return new BatchRebindingResult(rebound, relaxed.AsReadOnly(), symbol, value);
    }

    /// <summary>Rank >= 2 leading with the batch value, or integer labels of shape [batch].</summary>
    private static bool LeadsWithBatch(TensorInfo t, long value) =>
        t.Shape.IsRanked && t.Shape.Rank >= 1 && t.Shape[0].Value == value &&
        (t.Shape.Rank >= 2 || t.DType is DType.Int64 or DType.Int32);

    private static TensorInfo Lead(TensorInfo t, Dim dim) => t with { Shape = t.Shape.With(0, dim) };

    /// <summary>The preferred symbol, or a variant of it when an input already uses that name for another dim.</summary>
    private static string FreshSymbol(ImmutableArray<TensorInfo> inputs, string preferred)
    {
        var used = inputs.SelectMany(i => i.Shape).Where(d => d.IsSymbol).Select(d => d.Symbol!).ToHashSet(StringComparer.Ordinal);
        var symbol = preferred;
        for (var k = 2; used.Contains(symbol); k++)
        {
            symbol = $"{preferred}{k}";
        }
        return symbol;
    }
}
