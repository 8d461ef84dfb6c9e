using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Ops;
using CnnMem.Ops.Rules.Onnx;
using Google.Protobuf;
using Onnx;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// Runs one ONNX backend node test case through cnnmem's importer and shape inference.
/// 1. Parse model.onnx and strip declared shapes (value_info, graph output shapes) so inference is measured.
/// 2. Unsupported if a node's op has no rule; not importable if the importer rejects the model.
/// 3. Infer with no flags, as a user runs 'cnnmem analyze model.onnx', then compare each graph output's dtype and dims with test_data_set_0/output_i.pb.
///    An unknown dim counts as correct only where it depends on a runtime input's values.
/// </summary>
public static class NodeSuiteRunner
{
    public const string SuiteDir = "/usr/share/libonnx-testdata/data/node";

    public static NodeSuiteCase Run(string caseDir)
    {
        var name = Path.GetFileName(caseDir);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(caseDir, "model.onnx")));
        var g = model.Graph;
        var ops = g.Node.Select(n => n.Domain is "" or "ai.onnx" ? n.OpType : $"{n.Domain}:{n.OpType}").Distinct().ToImmutableArray();
        var missing = g.Node.Where(n => OpRegistry.Default.Find(n.Domain, n.OpType) is null)
            .Select(n => n.Domain is "" or "ai.onnx" ? n.OpType : $"{n.Domain}:{n.OpType}").Distinct().ToImmutableArray();
        if (!missing.IsEmpty)
        {
            return new NodeSuiteCase(name, ops, NodeSuiteOutcome.Unsupported) { MissingOps = missing };
        }
        if (g.Output.Any(o => o.Type?.TensorType is null))
        {
            return new NodeSuiteCase(name, ops, NodeSuiteOutcome.NotImportable, "an output is not a tensor (sequence, map or optional)");
        }

        g.ValueInfo.Clear();
        foreach (var o in g.Output)
        {
            o.Type.TensorType.Shape = null;
        }
        var allowed = NodeSuiteValueDependence.UnknownAllowed(g);

        CnnMem.Graphs.ModelGraph graph;
        try
        {
            graph = CnnMem.Onnx.OnnxImporter.ImportBytes(model.ToByteArray(), name);
        }
        catch (CnnMemException e)
        {
            return new NodeSuiteCase(name, ops, NodeSuiteOutcome.NotImportable, e.Message);
        }

        InferenceResult result;
        try
        {
            result = ShapeInference.Run(graph, new InferenceOptions { Bindings = AsAUserWould(graph) });
        }
        catch (CnnMemException e)
        {
            return new NodeSuiteCase(name, ops, NodeSuiteOutcome.Fail, e.Message);
        }

        var problems = new List<string>();
        for (var i = 0; i < g.Output.Count; i++)
        {
            var outName = g.Output[i].Name;
            var expected = TensorProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(caseDir, "test_data_set_0", $"output_{i}.pb")));
            if (!result.Tensors.TryGetValue(outName, out var actual))
            {
                problems.Add($"output '{outName}' was not inferred");
                continue;
            }
            Compare(outName, expected, g.Output[i].Type.TensorType.ElemType, actual, allowed.Contains(outName), problems);
        }
        return problems.Count == 0
            ? new NodeSuiteCase(name, ops, NodeSuiteOutcome.Pass) { RuntimeUnknown = g.Output.Any(o => result.Tensors[o.Name].Shape.Any(d => d.IsUnknown)) }
            : new NodeSuiteCase(name, ops, NodeSuiteOutcome.Fail, string.Join("; ", problems));
    }

    /// <summary>
    /// The bindings 'cnnmem analyze model.onnx' makes with no flags: the batch symbol at the batch the CLI picks
    /// (<see cref="BatchChoice"/>: the file's declared batch, else 1), nothing else. The dtype is kept as declared
    /// (the CLI's --dtype retypes float tensors, which is not what this suite checks).
    /// </summary>
    private static ImmutableDictionary<string, long> AsAUserWould(CnnMem.Graphs.ModelGraph graph)
    {
        var batch = BatchChoice.Resolve(graph, requested: null, ImmutableDictionary<string, long>.Empty, fallback: 1);
        return graph.BatchSymbol is { } symbol
            ? ImmutableDictionary<string, long>.Empty.Add(symbol, batch)
            : ImmutableDictionary<string, long>.Empty;
    }

    private static void Compare(string name, TensorProto expected, int declaredType, TensorInfo actual, bool unknownAllowed, List<string> problems)
    {
        var want = expected.Dims.ToArray();
        var wantText = want.Length == 0 ? "scalar" : string.Join("x", want);
        try
        {
            // The suite's data files hold bfloat16 outputs as uint16 (NumPy has no bfloat16); the model declares bfloat16.
            var code = expected.DataType == (int)TensorProto.Types.DataType.Uint16 && declaredType == (int)TensorProto.Types.DataType.Bfloat16
                ? declaredType
                : expected.DataType;
            var dtype = OnnxDataTypes.FromCode(code);
            if (dtype != actual.DType)
            {
                problems.Add($"output '{name}' has dtype {DTypes.Name(actual.DType)}, expected {DTypes.Name(dtype)}");
            }
        }
        catch (CnnMem.Graphs.OpException e)
        {
            problems.Add($"output '{name}': {e.Message}");
        }
        var s = actual.Shape;
        if (!s.IsRanked || s.Rank != want.Length)
        {
            problems.Add($"output '{name}' has shape {s}, expected {wantText}");
            return;
        }
        for (var d = 0; d < want.Length; d++)
        {
            var ok = s[d].Value == want[d] || (s[d].IsUnknown && unknownAllowed);
            if (!ok)
            {
                problems.Add($"output '{name}' has shape {s}, expected {wantText}{(s[d].IsUnknown ? " (unknown dim, but no runtime value decides it)" : "")}");
                return;
            }
        }
    }
}
