using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Parsing;
using CnnMem.Core;

namespace CnnMem.Cli;

/// <summary>
/// The model options that analyze and fit both take, declared once: --dtype, --dim, --allow-unknown, --format,
/// --output, --units and the framework-model options (<see cref="MemoryCliOptions"/>, with the library's defaults: PyTorch 2.x on CUDA).
/// </summary>
internal sealed class ModelCliOptions
{
    private static readonly string[] Formats = ["table", "json", "csv", "markdown"];
    private static readonly string[] FormatsWithHtml = ["table", "json", "csv", "markdown", "html"];

    private readonly Option<string> dtype = new("--dtype")
    {
        Description = "Element type of weights and activations: float32, float16, bfloat16, float64, int8, ...",
        DefaultValueFactory = _ => DTypes.Name(new AnalysisOptions().DType),
    };

    private readonly Option<string> format = new("--format", "-f")
    {
        DefaultValueFactory = _ => "table",
    };

    private readonly Option<string?> output = new("--output", "-o") { HelpName = "FILE", Description = "Write to this file instead of stdout (the table format as plain text)." };

    private readonly Option<string> units = new("--units")
    {
        Description = "Byte units: si (kB, MB, GB = 10^3, 10^6, 10^9 bytes) or iec (KiB, MiB, GiB = 2^10, 2^20, 2^30 bytes).",
        DefaultValueFactory = _ => "si",
    };

    private readonly Option<string[]> dims = new("--dim")
    {
        HelpName = "NAME=VALUE",
        Description = "Value of a symbolic input dimension, NAME=VALUE (the batch symbol, e.g. N, sets the batch); repeatable. An unknown name is an error listing the names the model has.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> allowUnknown = new("--allow-unknown")
    {
        Description = "Treat unsupported ops' outputs as unknown (totals become lower bounds) instead of failing.",
    };

    private readonly Option<string[]> freeze = new("--freeze")
    {
        HelpName = "GLOB",
        Description = "Freeze the parameters whose name or module matches GLOB (* any characters, ? one), as requires_grad=False does: no gradient, no optimizer state, nothing kept for their gradient; e.g. --freeze '*' --trainable 'fc*' fine-tunes the classifier. Repeatable; --freeze and --trainable apply in order, the last match winning.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> trainable = new("--trainable")
    {
        HelpName = "GLOB",
        Description = "Make the parameters whose name or module matches GLOB trainable again (after the model file's frozen parameters and earlier --freeze). Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly MemoryCliOptions memory = new();

    /// <param name="formatHelp">What each format writes for this command.</param>
    /// <param name="html">Whether the command writes an HTML report.</param>
    public ModelCliOptions(string formatHelp, bool html = false)
    {
        format.Description = formatHelp;
        format.AcceptOnlyFromAmong(html ? FormatsWithHtml : Formats);
    }

    /// <summary>Whether --backend was on the command line (--device switches the default to cuda only when it was not).</summary>
    public bool BackendGiven(ParseResult r) => memory.BackendGiven(r);

    public IEnumerable<Option> All => new Option[] { dtype, format, output, units, dims, allowUnknown, freeze, trainable }.Concat(memory.All);

    public void AddTo(Command command)
    {
        foreach (var o in All)
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Whether --units was given (not its default).</summary>
    public bool UnitsGiven(ParseResult r) => r.GetResult(units) is { Implicit: false };

    public ModelSettings Read(ParseResult r) =>
        ModelSettings.Create(r.GetValue(dtype)!, r.GetValue(dims) ?? [], r.GetValue(allowUnknown), r.GetValue(format)!, r.GetValue(output), r.GetValue(units)!)
        with
        {
            Memory = memory.Read(r),
            Freeze = FreezeRules(r),
        };

    /// <summary>--freeze and --trainable in command-line order (order matters: the last matching rule wins).</summary>
    private ImmutableArray<FreezeRule> FreezeRules(ParseResult r)
    {
        var rules = ImmutableArray.CreateBuilder<FreezeRule>();
        var tokens = r.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Type != TokenType.Option || !(freeze.Name == t.Value || trainable.Name == t.Value))
            {
                continue;
            }
            if (i + 1 >= tokens.Count || tokens[i + 1].Type != TokenType.Argument || tokens[i + 1].Value.Length == 0)
            {
                throw new CnnMemException($"{t.Value} needs a GLOB (a parameter or module name, e.g. {t.Value} 'layer1*')");
            }
            rules.Add(new FreezeRule(tokens[i + 1].Value, Trainable: t.Value == trainable.Name));
        }
        return rules.ToImmutable();
    }
}
