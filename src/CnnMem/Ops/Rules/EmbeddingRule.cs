using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Embedding lookup (Keras <c>Embedding</c>, PyTorch <c>nn.Embedding</c>; spec <c>embedding VOCAB DIM</c>).
/// 1. Input: indices of any shape [N, ...] (integers; Keras models often declare them float32).
/// 2. Output: [N, ..., DIM] in the table's float type (the analysis dtype).
/// 3. Params: the table [VOCAB, DIM]. Cost: no MACs (a gather).
/// 4. Backward (PyTorch): keeps the indices (the table's gradient is a scatter-add into a dense [VOCAB, DIM] tensor).
/// </summary>
internal sealed class EmbeddingRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Embedding");

    public string Domain => "cnnmem";

    public string Description => "Embedding: looks up a DIM vector per index in a VOCAB x DIM table.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("embedding"),
        "embed",
        ImmutableArray.Create(
            new SpecArg("vocab", "num_embeddings", SpecArgKind.Int, "number of rows (vocabulary size)", Required: true),
            new SpecArg("dim", "embedding_dim", SpecArgKind.Int, "length of each vector", Required: true)),
        ImmutableArray<SpecArg>.Empty));

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        OpContext.Require(x.Shape.IsRanked && x.Shape.Rank >= 1, $"expects indices with a batch axis, found shape {x.Shape}");
        var vocab = ctx.Attr.IntOrNull("num_embeddings") ?? throw new OpException("needs the vocabulary size 'num_embeddings'");
        var dim = ctx.Attr.IntOrNull("embedding_dim") ?? throw new OpException("needs the vector length 'embedding_dim'");
        OpContext.Require(vocab >= 1, $"the vocabulary size must be at least 1, found {vocab}");
        OpContext.Require(dim >= 1, $"the vector length must be at least 1, found {dim}");
        var dtype = DTypes.IsFloat(x.DType) ? x.DType : DType.Float32;
        var outShape = Shape.Of(x.Shape.Dims.Append(Dim.Of(dim)).ToArray());
        return new OpResult(ImmutableArray.Create(ctx.Output(0, dtype, outShape)))
        {
            Params = ImmutableArray.Create(new ParamSpec($"{ctx.Node.Name}.weight", Shape.Of(vocab, dim), dtype, ParamRole.Weight)),
            Saved = ImmutableArray.Create(SavedTensor.In(0, "indices")),
        };
    }
}
