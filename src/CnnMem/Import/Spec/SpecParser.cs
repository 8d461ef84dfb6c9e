using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Import.Spec;

/// <summary>
/// Reads the line-based <c>.cnn</c> text spec into a <see cref="ModelGraph"/>:
/// <code>
/// input 50x50x3                 # H x W x C (layout=chw for C x H x W)
/// conv 32 3x3 pad=same
/// P1: maxpool 2x2 stride=2
/// </code>
/// 1. Each non-blank line (after removing '#' comments) is <c>[NAME:] KEYWORD ARGS...</c>.
/// 2. <c>input</c> lines declare graph inputs; every other keyword is looked up in the op registry,
///    whose rules declare their own arguments, so this parser has no per-op code.
/// 3. A layer reads the line above unless it names its inputs; unnamed layers are named
///    <c>{NamePrefix}{k}</c> (C1, P1, FC1, relu1) as the classic answer names them.
/// 4. Layers nobody reads are the graph outputs; the graph is validated and ordered.
/// Errors are <see cref="CnnMemException"/>s that start with <c>file:line:column</c>.
/// </summary>
internal static class SpecParser
{
    /// <summary>The batch dimension's symbol; <c>--batch</c> binds it.</summary>
    public const string BatchSymbol = "N";

    /// <summary>Parses spec text; <paramref name="fileName"/> is used in error messages and as the model name.</summary>
    public static ModelGraph Parse(string text, string fileName) => Parse(text, fileName, OpRegistry.Default);

    /// <summary>Parses spec text against the keywords of <paramref name="registry"/>.</summary>
    public static ModelGraph Parse(string text, string fileName, OpRegistry registry)
    {
        var scope = new SpecScope();
        var inputs = ImmutableArray.CreateBuilder<TensorInfo>();
        var nodes = ImmutableArray.CreateBuilder<Node>();
        DisplayLayout? layout = null;
        var lastLine = 0;

        foreach (var (line, tokens) in SpecTokenizer.Lines(text))
        {
            lastLine = line;
            var site = new SpecSite(fileName, line);
            var (nameToken, keyword, args) = SplitName(site, tokens);
            if (nameToken is not null)
            {
                CheckName(site, nameToken);
            }

            if (keyword.Text.Equals(SpecInput.Keyword, StringComparison.OrdinalIgnoreCase))
            {
                var input = SpecInput.Parse(site, nameToken?.Text, keyword, args, scope, BatchSymbol);
                Define(site, scope, nameToken ?? keyword, input.Tensor.Name, automatic: nameToken is null, isInput: true);
                inputs.Add(input.Tensor);
                layout ??= input.Layout;
                scope.Previous = input.Tensor.Name;
                continue;
            }

            var (rule, syntax) = LayerKeyword(site, keyword, args, registry, scope);
            var name = LayerName(site, nameToken, keyword, syntax, scope);
            nodes.Add(SpecLayer.Build(site, name, keyword, args, rule, syntax, scope));
            scope.Previous = name;
        }
        return Graph(fileName, lastLine, scope, inputs.ToImmutable(), nodes.ToImmutable(), layout);
    }

    /// <summary>A layer line's keyword, which must be known and come after an input line.</summary>
    private static (IOpRule Rule, SpecSyntax Syntax) LayerKeyword(SpecSite site, SpecToken keyword, ImmutableArray<SpecToken> args, OpRegistry registry, SpecScope scope)
    {
        if (registry.FindKeyword(keyword.Text) is not { } found)
        {
            throw site.Error(keyword, UnknownKeyword(keyword.Text, args, registry));
        }
        if (scope.InputCount == 0)
        {
            throw site.Error(keyword, $"expected an 'input' line (such as 'input 50x50x3') before the first layer, found '{keyword.Text}'");
        }
        return found;
    }

    /// <summary>The layer's given name, else the next automatic one for its keyword; defined in the scope.</summary>
    private static string LayerName(SpecSite site, SpecToken? nameToken, SpecToken keyword, SpecSyntax syntax, SpecScope scope)
    {
        if (nameToken is not null)
        {
            Define(site, scope, nameToken, nameToken.Text, automatic: false, isInput: false);
            scope.CountNamed(syntax.NamePrefix);
            return nameToken.Text;
        }
        var name = scope.NextAutomatic(syntax.NamePrefix);
        Define(site, scope, keyword, name, automatic: true, isInput: false);
        return name;
    }

    private static ModelGraph Graph(string fileName, int lastLine, SpecScope scope, ImmutableArray<TensorInfo> inputs, ImmutableArray<Node> nodes, DisplayLayout? layout)
    {

        if (lastLine == 0)
        {
            throw new SpecSite(fileName, 1).Error(1, "the spec is empty: expected an 'input' line such as 'input 50x50x3' followed by layer lines such as 'conv 32 3x3'");
        }
        if (scope.LayerCount == 0)
        {
            throw new SpecSite(fileName, lastLine).Error(1, "the spec has inputs but no layers: expected layer lines such as 'conv 32 3x3' after the input");
        }

        var graph = new ModelGraph(
            ModelName(fileName),
            inputs,
            ImmutableDictionary<string, Initializer>.Empty,
            nodes,
            scope.Unread.ToImmutableArray())
        {
            BatchSymbol = BatchSymbol,
            Layout = layout ?? DisplayLayout.ChannelsLast,
            Source = fileName,
        };
        return GraphValidator.Validate(graph);
    }

    /// <summary>Reads and parses a spec file.</summary>
    public static ModelGraph ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CnnMemException($"{path}: cannot read the spec file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>The model name: the file name without folders or extension.</summary>
    public static string ModelName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return name.Length > 0 ? name : fileName;
    }

    /// <summary>Splits <c>NAME: KEYWORD ...</c> or <c>NAME:KEYWORD ...</c>; the name is null when absent.</summary>
    private static (SpecToken? Name, SpecToken Keyword, ImmutableArray<SpecToken> Args) SplitName(SpecSite site, ImmutableArray<SpecToken> tokens)
    {
        var first = tokens[0];
        var colon = first.Text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || first.Text.Contains('=', StringComparison.Ordinal))
        {
            return (null, first, tokens[1..]);
        }
        if (colon == 0)
        {
            throw site.Error(first, $"expected a layer name before ':', found '{first.Text}'");
        }
        var name = new SpecToken(first.Text[..colon], first.Column);
        if (colon < first.Text.Length - 1)
        {
            return (name, new SpecToken(first.Text[(colon + 1)..], first.Column + colon + 1), tokens[1..]);
        }
        if (tokens.Length < 2)
        {
            throw site.Error(first.End, $"expected a layer keyword such as 'conv' after '{first.Text}', found the end of the line");
        }
        return (name, tokens[1], tokens[2..]);
    }

    /// <summary>Names are identifiers (letters, digits, '_', '-', '.'; not starting with a digit) so they can be referenced.</summary>
    private static void CheckName(SpecSite site, SpecToken name)
    {
        var t = name.Text;
        var ok = (char.IsLetter(t[0]) || t[0] == '_') && t.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.');
        if (!ok)
        {
            throw site.Error(name, $"expected a layer name made of letters, digits, '_', '-' or '.' and starting with a letter, found '{t}'");
        }
    }

    private static void Define(SpecSite site, SpecScope scope, SpecToken at, string name, bool automatic, bool isInput)
    {
        if (scope.Define(name, site.Line, automatic, isInput) is { } earlier)
        {
            var what = automatic ? $"the automatic name '{name}' of this layer" : $"layer name '{name}'";
            throw site.Error(at, $"duplicate name: {what} is already used on {earlier}");
        }
    }

    private static string UnknownKeyword(string word, ImmutableArray<SpecToken> args, OpRegistry registry)
    {
        var keywords = registry.Keywords.Append(SpecInput.Keyword).ToList();
        var message = $"unknown layer type '{word}'{SpecSite.DidYouMean(word, keywords)}";
        // "C1 conv 32 3x3": a name written without its colon.
        if (args.Length > 0 && (registry.FindKeyword(args[0].Text) is not null || args[0].Text.Equals(SpecInput.Keyword, StringComparison.OrdinalIgnoreCase)))
        {
            message += $" (to name a layer, write '{word}: {args[0].Text} ...')";
        }
        return message + " (run 'cnnmem ops' for the list of layer types)";
    }
}
