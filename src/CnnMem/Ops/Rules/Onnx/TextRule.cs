using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX text ops. StringNormalizer: same shape, except that removing <c>stopwords</c> makes the last dim
/// data-dependent (unknown). TfIdfVectorizer: [.., max(ngram_indexes) + 1] float32 counts per row.
/// </summary>
internal sealed class TextRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("StringNormalizer", "TfIdfVectorizer");

    public string Description => "String normalization and n-gram TF-IDF vectors.";

    public OpResult Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        if (ctx.Node.Op == "StringNormalizer")
        {
            var stop = ctx.Attr.Strings("stopwords");
            var shape = stop is { Length: > 0 } && s.Rank > 0 ? s.With(s.Rank - 1, Dim.Unknown) : s;
            return ctx.Single(DType.String, shape) with { CountsInTextbookSum = false };
        }
        var indexes = ctx.Attr.Ints("ngram_indexes") ?? throw new Graphs.OpException("needs the 'ngram_indexes' attribute");
        OpContext.Require(s.Rank is 1 or 2, $"expects an input [C] or [N, C], found {s}");
        var width = Dim.Of(indexes.Length == 0 ? 0 : indexes.Max() + 1);
        var outShape = s.Rank == 1 ? Shape.Of(width) : Shape.Of(s[0], width);
        return ctx.Single(DType.Float32, outShape) with { CountsInTextbookSum = false };
    }
}
