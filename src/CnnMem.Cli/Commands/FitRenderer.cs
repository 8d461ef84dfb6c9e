using System.Globalization;
using System.Text;
using System.Text.Json;
using CnnMem.Core;
using CnnMem.Rendering;
using CnnMem.Pipeline;
using CnnMem.Memory.Profiles;

namespace CnnMem.Cli.Commands;

/// <summary>The fit results in each output format: table (sentences), json (<see cref="FitDocument"/>), csv and markdown (one row per mode).</summary>
internal sealed record FitRenderer(string Model, long Budget, string BudgetFrom, ModelSettings Settings, IReadOnlyList<FitResult> Results)
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create(CliJsonContext.Default);

    private static readonly string[] Columns = ["mode", "batch", "bytes_at_batch", "headroom_bytes", "next_batch", "bytes_at_next_batch", "budget_bytes"];

    /// <summary>With --device: the card's size as sold and its budget's source, said beside the budget.</summary>
    public GpuMemory? Card { get; init; }

    /// <summary>With --gpus/--parallel: the largest per-device micro-batch per strategy and optimizer.</summary>
    public IReadOnlyList<ParallelFitResult>? Parallel { get; init; }

    private string Backend => Backends.Name(Settings.Memory.Backend);

    public string Render(OutputFormat format) => format switch
    {
        OutputFormat.Json => JsonConventions.Serialize(
            new FitDocument(Model, Budget, BudgetFrom, Backend, DTypes.Name(Settings.DType), Settings.Memory.MixedPrecision, "bytes", Results) { Parallel = Parallel },
            Json),
        OutputFormat.Csv => Csv(),
        OutputFormat.Markdown => Markdown(),
        _ => Table(),
    };

    private string Setup()
    {
        var m = Settings.Memory;
        var checkpoint = m.CheckpointEvery switch { 0 => "", < 0 => ", checkpoint sqrt", var k => $", checkpoint every={k}" };
        return $"backend {Backend}, {DTypes.Name(Settings.DType)}{(m.MixedPrecision ? ", mixed precision" : "")}{checkpoint}";
    }

    private string Table()
    {
        var u = Settings.Units;
        string Bytes(long b) => $"{ByteFormat.Bytes(b, u)} ({ByteFormat.Count(b)} bytes)";
        var sb = new StringBuilder();
        // a device's budget is in GiB, as cards are sold ("24 GiB"), whatever --units says
        var budget = Card is { } card
            ? $"{ByteFormat.Bytes(Budget, UnitSystem.Iec)} ({ByteFormat.Count(Budget)} bytes) ({BudgetFrom}, sold as {card.Nominal}: the memory CUDA reports)"
            : $"{Bytes(Budget)} ({BudgetFrom})";
        sb.Append($"{Model}: budget {budget}, {Setup()}\n");
        if (Card is { } c && Settings.Memory.Backend == CnnMem.Backend.Cuda && !GpuArchitectures.Measured(c.Arch))
        {
            sb.Append($"  {c.Arch}: cuBLAS workspaces by PyTorch's rule for it; the CUDA context, cuDNN workspaces and the allocator's behaviour are borrowed from the measurements on {GpuArchitectures.MeasuredOn}\n");
        }
        foreach (var r in Results)
        {
            // a need next to the budget is shown with the digits that make it visibly below or above it
            string Need(long b) => $"{ByteFormat.BytesBeside(b, Budget, u)} ({ByteFormat.Count(b)} bytes)";
            var least = r.AtNextBatch is { Fits: false } n && n.Bytes != n.UnconstrainedBytes ? "at least " : "";
            sb.Append(r.Batch == 0
                ? $"  {r.Mode}: does not fit even at batch 1, which needs {least}{Need(r.BytesAtNextBatch)}\n"
                : $"  {r.Mode}: batch {ByteFormat.Count(r.Batch)} needs {Need(r.BytesAtBatch)}, headroom {Bytes(r.HeadroomBytes)}" +
                  (r.BytesAtNextBatch > 0 ? $"; batch {ByteFormat.Count(r.Batch + 1)} would need {least}{Need(r.BytesAtNextBatch)}" : "") + "\n");
            foreach (var line in BudgetWords.Lines(r.AtBatch, r.AtNextBatch, r.Batch, u))
            {
                sb.Append("    ").Append(line).Append('\n');
            }
            if (r.FirstForwardBatch is { } first)
            {
                sb.Append($"    batch {ByteFormat.Count(r.Batch)} is for repeated forwards (a serving loop); a single forward from a clean cache runs up to batch {ByteFormat.Count(first)}, " +
                    "but the cache it leaves is split into blocks the next forward cannot all reuse\n");
            }
        }
        if (Parallel is not null)
        {
            var w = new StringWriter();
            ParallelFitTable.Write(w, Parallel, Bytes);
            sb.Append(w.ToString().ReplaceLineEndings("\n"));
        }
        sb.Append(ByteFormat.Footnote(u)).Append('\n');
        return sb.ToString();
    }

    private IEnumerable<string[]> Rows() => Results.Select(r => new[]
    {
        r.Mode,
        Raw(r.Batch),
        r.Batch == 0 ? "" : Raw(r.BytesAtBatch),
        r.Batch == 0 ? "" : Raw(r.HeadroomBytes),
        r.BytesAtNextBatch > 0 ? Raw(r.Batch + 1) : "",
        r.BytesAtNextBatch > 0 ? Raw(r.BytesAtNextBatch) : "",
        Raw(Budget),
    });

    private string Csv()
    {
        static string Cell(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
        var sb = new StringBuilder().Append(string.Join(",", Columns)).Append('\n');
        foreach (var row in Rows())
        {
            sb.Append(string.Join(",", row.Select(Cell))).Append('\n');
        }
        return sb.ToString();
    }

    private string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append($"# {Model}: what fits {ByteFormat.Bytes(Budget, Settings.Units)} ({BudgetFrom})\n\n{Setup()}. Bytes are raw bytes.\n\n");
        sb.Append("| ").Append(string.Join(" | ", Columns)).Append(" |\n");
        sb.Append("|:---").Append(string.Concat(Enumerable.Repeat("|---:", Columns.Length - 1))).Append("|\n");
        foreach (var row in Rows())
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }
        return sb.ToString();
    }

    private static string Raw(long n) => n.ToString(CultureInfo.InvariantCulture);
}
