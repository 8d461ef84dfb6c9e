using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Einsum: explicit (<c>ij,jk->ik</c>) and implicit (<c>ij,jk</c>: letters used once, sorted)
/// equations, with <c>...</c> for broadcast leading dims. MACs (two or more operands): the product of
/// every letter's size and the broadcast dims. Backward (PyTorch): keeps the operands.
/// </summary>
internal sealed class EinsumRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Einsum");

    public string Description => "Einstein summation (explicit, implicit, ellipsis).";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Split the equation into operand terms and the output term (implicit: letters used once, sorted).
        // 2. Bind each letter to a dim (sizes must agree, 1 broadcasts); ellipsis dims broadcast together.
        // 3. Output dims = ellipsis dims then the output letters' dims.
        var eq = ctx.Attr.Str("equation", "").Replace(" ", "", StringComparison.Ordinal);
        OpContext.Require(eq.Length > 0, "needs the 'equation' attribute");
        var arrow = eq.IndexOf("->", StringComparison.Ordinal);
        var lhs = arrow >= 0 ? eq[..arrow] : eq;
        var terms = lhs.Split(',');
        OpContext.Require(terms.Length == ctx.InputCount, $"equation '{eq}' has {terms.Length} operands but the node has {ctx.InputCount} inputs");
        var letters = new Dictionary<char, Dim>();
        var ellipsis = Shape.Scalar;
        for (var t = 0; t < terms.Length; t++)
        {
            var s = ctx.InputShape(t);
            var term = terms[t];
            var dots = term.IndexOf("...", StringComparison.Ordinal);
            var named = term.Replace("...", "", StringComparison.Ordinal);
            OpContext.Require(named.All(char.IsLetter), $"operand '{term}' of equation '{eq}' has a character that is not a letter");
            var ellRank = s.Rank - named.Length;
            OpContext.Require(dots >= 0 ? ellRank >= 0 : ellRank == 0, $"operand '{term}' does not match input {t}'s rank {s.Rank} (shape {s})");
            var dims = s.Dims;
            if (dots >= 0)
            {
                ellipsis = Broadcasting.Shapes(ellipsis, new Shape(dims.Skip(dots).Take(ellRank)));
                dims = dims.Take(dots).Concat(dims.Skip(dots + ellRank)).ToImmutableArray();
            }
            for (var i = 0; i < named.Length; i++)
            {
                letters[named[i]] = letters.TryGetValue(named[i], out var prev) ? Merge(prev, dims[i], named[i], eq) : dims[i];
            }
        }
        var outTerm = arrow >= 0
            ? eq[(arrow + 2)..]
            : "..." + new string(letters.Keys.Where(c => terms.Sum(t => t.Count(x => x == c)) == 1).OrderBy(c => c).ToArray());
        var outNamed = outTerm.Replace("...", "", StringComparison.Ordinal);
        var outDims = new List<Dim>();
        var outDots = outTerm.IndexOf("...", StringComparison.Ordinal);
        for (var i = 0; i < outNamed.Length; i++)
        {
            if (i == outDots)
            {
                outDims.AddRange(ellipsis);
            }
            OpContext.Require(letters.TryGetValue(outNamed[i], out var d), $"output letter '{outNamed[i]}' of equation '{eq}' is not in any operand");
            outDims.Add(d);
        }
        if (outDots >= 0 && outDots >= outNamed.Length)
        {
            outDims.AddRange(ellipsis);
        }
        var macs = ctx.InputCount >= 2 ? ValueOps.Product(letters.Values.Concat(ellipsis)) ?? 0 : 0;
        return ctx.Single(ctx.Input(0).DType, new Shape(outDims)) with
        {
            Macs = macs,
            Saved = Enumerable.Range(0, ctx.InputCount).Select(i => SavedTensor.In(i, $"operand {i}")).ToImmutableArray(),
        };
    }

    private static Dim Merge(Dim a, Dim b, char letter, string eq)
    {
        if (a.Value == 1)
        {
            return b;
        }
        if (b.Value == 1 || !b.IsKnown)
        {
            return a.IsKnown ? a : b;
        }
        if (a.IsKnown && a.Value != b.Value)
        {
            throw new OpException($"letter '{letter}' of equation '{eq}' has sizes {a} and {b}");
        }
        return b;
    }
}
