using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Import.Spec;

/// <summary>
/// Turns one layer line into a node, using only the op's declared <see cref="SpecSyntax"/>.
/// 1. Tokens with '=' are options, the others positional arguments, taken in the declared order;
///    a <see cref="SpecArgKind.LayerRefs"/> argument takes every remaining positional token.
/// 2. Each value is read by its kind (<see cref="SpecValues"/>); options absent but declared with
///    <see cref="SpecArg.DefaultFrom"/> copy the other argument's value; the keyword's fixed attributes are added.
/// 3. Options every layer has: <c>from=LAYER</c> (read that layer instead of the line above),
///    <c>trainable=false</c> (freeze its parameters), <c>inplace=true</c> (run in place on its input).
/// 4. Inputs are the named layers, else <c>from=</c>, else the line above; each must be defined above.
/// </summary>
internal static class SpecLayer
{
    private static readonly string[] CommonOptions = { "from", "trainable", "inplace" };

    public static Node Build(SpecSite site, string name, SpecToken keyword, ImmutableArray<SpecToken> args, IOpRule rule, SpecSyntax syntax, SpecScope scope)
    {
        var attrs = ImmutableDictionary.CreateBuilder<string, AttrValue>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        var refs = ReadPositional(site, keyword, args, syntax, attrs, given);
        var (from, trainable, inplace) = ReadOptions(site, keyword.Text, args, syntax, attrs, given);
        ApplyDefaults(syntax, attrs, given);
        foreach (var (k, v) in syntax.Fixed)
        {
            attrs[k] = v;
        }
        var inputNames = Inputs(site, name, keyword.Text, refs, from, scope);
        return new Node(
            name,
            syntax.Op ?? rule.OpTypes[0],
            inputNames,
            ImmutableArray.Create(name),
            new Attributes(attrs.ToImmutable()),
            rule.Domain,
            new SourceRef(site.File, site.Line, keyword.Column))
        {
            Trainable = trainable,
            InPlace = inplace,
        };
    }

    /// <summary>1-2. Positional arguments in their declared order; returns the layer names a LayerRefs argument took.</summary>
    private static List<SpecToken> ReadPositional(SpecSite site, SpecToken keyword, ImmutableArray<SpecToken> args, SpecSyntax syntax,
        ImmutableDictionary<string, AttrValue>.Builder attrs, HashSet<string> given)
    {
        var kw = keyword.Text;
        var positional = args.Where(a => !a.Text.Contains('=', StringComparison.Ordinal)).ToList();
        var refs = new List<SpecToken>();
        var p = 0;
        foreach (var arg in syntax.Positional)
        {
            if (arg.Kind == SpecArgKind.LayerRefs)
            {
                refs.AddRange(positional.Skip(p));
                p = positional.Count;
                if (refs.Count == 0 && arg.Required)
                {
                    throw site.Error(args.LastOrDefault()?.End ?? keyword.End, $"'{kw}' needs the names of the layers it reads ({arg.Help}), found none");
                }
                given.Add(arg.Name);
                continue;
            }
            if (p >= positional.Count)
            {
                if (arg.Required)
                {
                    throw site.Error(positional.LastOrDefault()?.End ?? keyword.End,
                        $"'{kw}' needs {Describe(syntax.Positional)}; missing {arg.Name} ({arg.Help})");
                }
                continue;
            }
            Set(attrs, SpecValues.Read(site, arg, positional[p++]));
            given.Add(arg.Name);
        }
        if (p < positional.Count)
        {
            var extra = positional[p];
            var takes = syntax.Positional.IsEmpty ? "takes no positional arguments" : $"takes {Describe(syntax.Positional)}";
            throw site.Error(extra, $"'{kw}' {takes}, found an extra '{extra.Text}'");
        }
        return refs;
    }

    /// <summary>2-3. The options: the op's own become attributes; the common ones (from, trainable, inplace) are returned.</summary>
    private static (SpecToken? From, bool Trainable, bool InPlace) ReadOptions(SpecSite site, string kw, ImmutableArray<SpecToken> args, SpecSyntax syntax,
        ImmutableDictionary<string, AttrValue>.Builder attrs, HashSet<string> given)
    {
        SpecToken? from = null;
        bool trainable = true, inplace = false;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in args.Where(a => a.Text.Contains('=', StringComparison.Ordinal)))
        {
            var eq = a.Text.IndexOf('=', StringComparison.Ordinal);
            var key = a.Text[..eq];
            var value = new SpecToken(a.Text[(eq + 1)..], a.Column + eq + 1);
            var option = syntax.Options.FirstOrDefault(o => o.Name.Equals(key, StringComparison.OrdinalIgnoreCase));
            var common = CommonOptions.FirstOrDefault(o => o.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (option is null && common is null)
            {
                var names = syntax.Options.Select(o => o.Name).Concat(CommonOptions).ToList();
                throw site.Error(a, $"unknown option '{key}' for '{kw}'{SpecSite.DidYouMean(key, names)} (options: {string.Join(", ", names)})");
            }
            if (!seen.Add(key))
            {
                throw site.Error(a, $"option '{key}' is given twice");
            }
            if (value.Text.Length == 0)
            {
                throw site.Error(value, $"expected a value after '{key}=', found nothing");
            }
            if (option is not null)
            {
                Set(attrs, SpecValues.Read(site, option, value));
                given.Add(option.Name);
            }
            else if (common == "from")
            {
                from = value;
            }
            else if (common == "trainable")
            {
                trainable = SpecValues.Bool(site, value, key);
            }
            else
            {
                inplace = SpecValues.Bool(site, value, key);
            }
        }
        return (from, trainable, inplace);
    }

    /// <summary>4. Inputs: the named layers, else <c>from=</c>, else the line above; each must be defined above.</summary>
    private static ImmutableArray<string> Inputs(SpecSite site, string name, string kw, List<SpecToken> refs, SpecToken? from, SpecScope scope)
    {
        if (from is not null && refs.Count > 0)
        {
            throw site.Error(from, $"'{kw}' reads the layers named on its line; 'from=' cannot be used with them");
        }
        var inputs = refs.Count > 0 ? refs : from is not null ? new List<SpecToken> { from } : null;
        ImmutableArray<string> inputNames;
        if (inputs is null)
        {
            inputNames = ImmutableArray.Create(scope.Previous!);
        }
        else
        {
            foreach (var r in inputs.Where(r => r.Text == name))
            {
                throw site.Error(r, $"layer '{name}' cannot read its own output; name a layer above this line");
            }
            foreach (var r in inputs.Where(r => !scope.Contains(r.Text)))
            {
                throw site.Error(r, $"no layer named '{r.Text}' above this line{SpecSite.DidYouMean(r.Text, scope.Names)}");
            }
            inputNames = inputs.Select(r => r.Text).ToImmutableArray();
        }
        foreach (var i in inputNames)
        {
            scope.MarkRead(i);
        }
        return inputNames;
    }

    /// <summary>"FILTERS KERNEL" style list of the positional arguments, for messages.</summary>
    private static string Describe(ImmutableArray<SpecArg> args) =>
        string.Join(" ", args.Select(a => a.Required ? a.Name.ToUpperInvariant() : $"[{a.Name.ToUpperInvariant()}]"));

    private static void Set(ImmutableDictionary<string, AttrValue>.Builder attrs, ImmutableArray<(string Attribute, AttrValue Value)> values)
    {
        foreach (var (a, v) in values)
        {
            attrs[a] = v;
        }
    }

    /// <summary>A pool's stride defaults to its kernel: copy the named argument's attribute when this one was not given.</summary>
    private static void ApplyDefaults(SpecSyntax syntax, ImmutableDictionary<string, AttrValue>.Builder attrs, HashSet<string> given)
    {
        var all = syntax.Positional.Concat(syntax.Options).ToList();
        foreach (var arg in all.Where(a => a.DefaultFrom is not null && !given.Contains(a.Name) && !attrs.ContainsKey(a.Attribute)))
        {
            var source = all.FirstOrDefault(s => s.Name == arg.DefaultFrom) ?? all.FirstOrDefault(s => s.Attribute == arg.DefaultFrom);
            if (source is not null && attrs.TryGetValue(source.Attribute, out var v))
            {
                attrs[arg.Attribute] = v;
            }
        }
    }
}
