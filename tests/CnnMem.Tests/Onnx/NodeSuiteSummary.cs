using System.Text;

namespace CnnMem.Tests.Onnx;

/// <summary>A plain-text summary of a node suite run: counts, missing ops by frequency, failures by op.</summary>
public static class NodeSuiteSummary
{
    public static string Format(IReadOnlyList<NodeSuiteCase> cases)
    {
        var count = (NodeSuiteOutcome o) => cases.Count(c => c.Outcome == o);
        var supported = count(NodeSuiteOutcome.Pass) + count(NodeSuiteOutcome.Fail);
        var sb = new StringBuilder();
        sb.AppendLine("ONNX backend node test suite (declared shapes stripped)");
        sb.AppendLine($"total {cases.Count}, supported {supported}, passed {count(NodeSuiteOutcome.Pass)}, failed {count(NodeSuiteOutcome.Fail)}, " +
            $"unsupported ops {count(NodeSuiteOutcome.Unsupported)}, not importable {count(NodeSuiteOutcome.NotImportable)}");
        sb.AppendLine($"passes with unknown dims that a runtime input's values decide: {cases.Count(c => c.RuntimeUnknown)} ("
            + string.Join(", ", cases.Where(c => c.RuntimeUnknown).SelectMany(c => c.Ops).GroupBy(o => o).OrderByDescending(g => g.Count()).Take(8).Select(g => $"{g.Key} {g.Count()}")) + ")");
        sb.AppendLine("passed of all cases: " + count(NodeSuiteOutcome.Pass) + " / " + cases.Count + " (ONNX's own shape inference: 726 / 932)");

        sb.AppendLine();
        sb.AppendLine("missing ops (cases blocked):");
        foreach (var g in cases.SelectMany(c => c.MissingOps).GroupBy(o => o).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine($"  {g.Key}: {g.Count()}");
        }

        var failed = cases.Where(c => c.Outcome == NodeSuiteOutcome.Fail).ToList();
        sb.AppendLine();
        sb.AppendLine("failures by op (a case counts under each of its ops):");
        foreach (var g in failed.SelectMany(c => c.Ops.Select(o => (Op: o, Case: c))).GroupBy(p => p.Op).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine($"  {g.Key}: {g.Count()}");
        }
        sb.AppendLine();
        sb.AppendLine("failures:");
        foreach (var c in failed)
        {
            sb.AppendLine($"  {c.Name}: {c.Reason}");
        }
        sb.AppendLine();
        sb.AppendLine("not importable:");
        foreach (var c in cases.Where(c => c.Outcome == NodeSuiteOutcome.NotImportable))
        {
            sb.AppendLine($"  {c.Name}: {c.Reason}");
        }
        return sb.ToString();
    }
}
