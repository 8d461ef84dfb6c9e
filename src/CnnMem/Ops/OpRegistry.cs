using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CnnMem.Ops;

/// <summary>
/// A set of op rules, looked up by (domain, op type) and by spec keyword, with the short names people's tables show
/// (<see cref="IOpRule.ShortNames"/>, and <see cref="UnruledOpNames"/> for ops without a rule). <see cref="Default"/>
/// holds the library's own rules (<see cref="BuiltInOpRules"/>).
/// </summary>
internal sealed class OpRegistry
{
    private readonly FrozenDictionary<(string Domain, string Op), IOpRule> _byOp;
    private readonly FrozenDictionary<string, (IOpRule Rule, SpecSyntax Syntax)> _byKeyword;
    private readonly FrozenDictionary<string, OpShortName> _shortNames;

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
        _shortNames = ShortNamesOf(Rules);
    }

    /// <summary>
    /// The short names by op type, whatever the domain (a table row carries only the op's name); each must name one of
    /// its rule's op types, and an op's short name is declared once.
    /// </summary>
    private static FrozenDictionary<string, OpShortName> ShortNamesOf(ImmutableArray<IOpRule> rules)
    {
        var byOp = new Dictionary<string, OpShortName>(StringComparer.Ordinal);
        void Add(OpShortName name, string owner)
        {
            if (!byOp.TryAdd(name.Op, name))
            {
                throw new InvalidOperationException($"the short name of op {name.Op} is declared twice ({owner})");
            }
        }
        foreach (var r in rules)
        {
            foreach (var name in r.ShortNames)
            {
                if (!r.OpTypes.Contains(name.Op))
                {
                    throw new InvalidOperationException($"{r.GetType().Name} declares a short name for {name.Op}, which is not one of its op types");
                }
                Add(name, r.GetType().Name);
            }
        }
        foreach (var name in UnruledOpNames.All)
        {
            if (rules.FirstOrDefault(r => r.OpTypes.Contains(name.Op)) is { } r)
            {
                throw new InvalidOperationException($"{name.Op} has a rule now ({r.GetType().Name}): declare its short name there, not in {nameof(UnruledOpNames)}");
            }
            Add(name, nameof(UnruledOpNames));
        }
        return byOp.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>All rules in the CnnMem library.</summary>
    public static OpRegistry Default { get; } = new(BuiltInOpRules.All);

    public ImmutableArray<IOpRule> Rules { get; }

    public IEnumerable<string> Keywords => _byKeyword.Keys;

    /// <summary>ai.onnx is written "" or "ai.onnx"; both mean the default domain.</summary>
    public static string NormalizeDomain(string domain) => domain == "ai.onnx" ? "" : domain;

    public IOpRule? Find(string domain, string op) => _byOp.GetValueOrDefault((NormalizeDomain(domain), op));

    /// <summary>The name a layer table's Op column shows for <paramref name="op"/>: its declared short name, else the op itself.</summary>
    public string ShortName(string op) => _shortNames.TryGetValue(op, out var n) ? n.Short : op;

    /// <summary>The name of <paramref name="op"/> as a part of a folded group's name (<c>Conv+BN+Relu</c>): shorter still where declared.</summary>
    public string InGroupName(string op) => _shortNames.TryGetValue(op, out var n) ? n.InGroup ?? n.Short : op;

    public (IOpRule Rule, SpecSyntax Syntax)? FindKeyword(string keyword) =>
        _byKeyword.TryGetValue(keyword, out var v) ? v : null;
}
