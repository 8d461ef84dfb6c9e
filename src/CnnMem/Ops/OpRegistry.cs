using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CnnMem.Ops;

/// <summary>
/// A set of op rules, looked up by (domain, op type) and by spec keyword. <see cref="Default"/> holds
/// the library's own rules (<see cref="BuiltInOpRules"/>).
/// </summary>
internal sealed class OpRegistry
{
    private readonly FrozenDictionary<(string Domain, string Op), IOpRule> _byOp;
    private readonly FrozenDictionary<string, (IOpRule Rule, SpecSyntax Syntax)> _byKeyword;

    public OpRegistry(IEnumerable<IOpRule> rules)
    {
        Rules = rules.ToImmutableArray();
        var byOp = new Dictionary<(string, string), IOpRule>();
        var byKeyword = new Dictionary<string, (IOpRule, SpecSyntax)>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in Rules)
        {
            foreach (var op in r.OpTypes)
            {
                if (!byOp.TryAdd((NormalizeDomain(r.Domain), op), r))
                {
                    throw new InvalidOperationException($"op {r.Domain}:{op} is claimed by both {byOp[(NormalizeDomain(r.Domain), op)].GetType().Name} and {r.GetType().Name}");
                }
            }
            foreach (var syntax in r.Spec)
            {
                foreach (var k in syntax.Keywords)
                {
                    if (!byKeyword.TryAdd(k, (r, syntax)))
                    {
                        throw new InvalidOperationException($"spec keyword '{k}' is claimed twice ({r.GetType().Name})");
                    }
                }
            }
        }
        _byOp = byOp.ToFrozenDictionary();
        _byKeyword = byKeyword.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All rules in the CnnMem library.</summary>
    public static OpRegistry Default { get; } = new(BuiltInOpRules.All);

    public ImmutableArray<IOpRule> Rules { get; }

    public IEnumerable<string> Keywords => _byKeyword.Keys;

    /// <summary>ai.onnx is written "" or "ai.onnx"; both mean the default domain.</summary>
    public static string NormalizeDomain(string domain) => domain == "ai.onnx" ? "" : domain;

    public IOpRule? Find(string domain, string op) => _byOp.GetValueOrDefault((NormalizeDomain(domain), op));

    public (IOpRule Rule, SpecSyntax Syntax)? FindKeyword(string keyword) =>
        _byKeyword.TryGetValue(keyword, out var v) ? v : null;
}
