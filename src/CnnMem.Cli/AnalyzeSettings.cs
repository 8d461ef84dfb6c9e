using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Rendering;

namespace CnnMem.Cli;

/// <summary>
/// The analyze command's options after validation. Values are checked here rather than by the
/// parser so that an unknown dtype or optimizer names every accepted value.
/// </summary>
internal sealed record AnalyzeSettings(
    string Path,
    long? Batch,
    DType DType,
    Optimizer Optimizer,
    OutputFormat Format,
    string? OutputFile,
    UnitSystem Units,
    ImmutableDictionary<string, long> Dims,
    bool AllowUnknown)
{
    /// <summary>The framework model's setup (backend, precision, checkpointing, device overheads).</summary>
    public MemoryOptions Memory { get; init; } = new();

    /// <summary>--freeze and --trainable, in command-line order.</summary>
    public ImmutableArray<FreezeRule> Freeze { get; init; } = ImmutableArray<FreezeRule>.Empty;

    /// <summary>Print the per-layer training memory table (and, with --format csv, write it instead of the layer table).</summary>
    public bool PerLayer { get; init; }

    /// <summary>Multi-device training (--gpus, --parallel, ...); null = one device.</summary>
    public DataParallelOptions? Parallel { get; init; }
    /// <summary>--input HxW: the input size of a built-in torchvision network (null: its default).</summary>
    public ImageSize? Input { get; init; }
    /// <summary>A GPU (<c>--device</c>, a <c>fit --list-devices</c> name): the answer says whether this batch fits and the largest that does.</summary>
    public string? Device { get; init; }

    /// <summary>Only the heading, the answer and the totals (<c>--summary</c>).</summary>
    public bool SummaryOnly { get; init; }

    /// <summary>Fold each convolution with its normalization and activation into one row (<c>--group</c>).</summary>
    public bool Group { get; init; }

    /// <summary>Fold layers deeper than N module-path components into their module (<c>--depth N</c>).</summary>
    public int? Depth { get; init; }

    /// <summary>Show the Constant rows in the layer table (<c>--show-constants</c>); JSON and CSV list them always.</summary>
    public bool ShowConstants { get; init; }

    /// <summary>Write the charts into this folder (<c>--charts DIR</c>).</summary>
    public string? ChartsDir { get; init; }

    /// <summary>svg (default) or png (<c>--chart-format</c>).</summary>
    public string ChartFormat { get; init; } = "svg";

    /// <summary>The presentation options (<see cref="ReportCliOptions"/>) read from the command line.</summary>
    public AnalyzeSettings WithView(ReportCliOptions view, System.CommandLine.ParseResult r, bool backendGiven) => view.Apply(this, r, backendGiven);

    /// <summary>Batch size for built-in networks when --batch is absent (the classic answer's minibatch).</summary>
    public const long BuiltInBatch = 64;

    /// <summary>Batch size for model files when --batch is absent.</summary>
    public const long FileBatch = 1;

    /// <summary>The analyze command's own options (PATH, --batch, --optimizer) with the model options it shares with fit.</summary>
    public static AnalyzeSettings From(string path, long? batch, string optimizer, ModelSettings model)
    {
        if (path.StartsWith('-'))
        {
            // The parser takes an unknown option in PATH's place; say what it really is.
            throw new CnnMemException($"unknown option '{path}'; run 'cnnmem analyze --help' for the options");
        }
        if (batch is < 1)
        {
            throw new CnnMemException($"--batch must be at least 1, found {batch}");
        }
        return new AnalyzeSettings(path, batch, model.DType, Optimizers.Parse(optimizer), model.Format, model.OutputFile, model.Units, model.Dims, model.AllowUnknown)
        {
            Memory = model.Memory,
            Freeze = model.Freeze,
        };
    }
}
