using System.Collections.Immutable;
using CnnMem.Import.Spec;
using CnnMem.Memory.Parallel;
using CnnMem.Tests.Properties;
using CsCheck;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Memory.Parallel;

/// <summary>
/// Invariants of the per-device model on generated parameter lists and networks: the sharded parts scale as 1/N up to
/// the padding each implementation adds (and the reported padding is exactly that), and one device under DDP without
/// a bucket copy is the single-device model.
/// </summary>
public class ParallelProperties
{
    /// <summary>Up to 12 parameters: dim 0 in 1..3000, the rest 1..300 elements per row, some frozen, two per module.</summary>
    private static readonly Gen<ImmutableArray<ParamEntry>> Params =
        Gen.Select(Gen.Long[1, 3000], Gen.Long[1, 300], Gen.Int[0, 4]).Array[1, 12]
            .Select(a => a.Select((t, i) => new ParamEntry($"/m{i / 2}/Conv", $"p{i}", t.Item1 * t.Item2, t.Item1, 4, t.Item3 != 0)).ToImmutableArray());

    private static readonly Gen<int> Gpus = Gen.Int[1, 64];

    private static ParallelInput Input(ImmutableArray<ParamEntry> ps)
    {
        var bytes = ps.Sum(p => p.Bytes);
        var trainable = ps.Where(p => p.Trainable).ToArray();
        return new ParallelInput(
            ParallelCases.Training(bytes, trainable.Sum(p => p.Bytes), trainable.Length, 100, 1_000, 2_000, 2 * trainable.Select(p => p.Bytes).DefaultIfEmpty(0).Max()),
            ps, CnnMem.Optimizer.Adam, MixedPrecision: false, MicroBatch: 1);
    }

    private static Reports.ParallelDeviceMemory Device(ImmutableArray<ParamEntry> ps, ParallelStrategy s, int gpus) =>
        ParallelModel.Compute(Input(ps), new DataParallelOptions { Strategy = s, Gpus = gpus, NcclBytes = 0 }).PerDevice;

    [Fact]
    public void Fsdp_ShardsScaleAsOneOverN_UpToDim0Padding()
    {
        Gen.Select(Params, Gpus).Sample((ps, n) =>
        {
            var d = Device(ps, ParallelStrategy.Fsdp, n);
            long all = ps.Sum(p => p.Elements), trainable = ps.Where(p => p.Trainable).Sum(p => p.Elements);
            Assert.Equal((all + d.PaddingElements) * 4, d.ParamBytes * n);
            // at most N - 1 padding rows per parameter
            Assert.InRange(d.PaddingElements, 0, ps.Sum(p => (n - 1) * (p.Elements / p.Dim0)));
            Assert.InRange(d.GradientBytes * n, trainable * 4, (trainable * 4) + (d.PaddingElements * 4));
            Assert.Equal(Device(ps, ParallelStrategy.Fsdp, 1).ParamBytes, all * 4);
        });
    }

    [Fact]
    public void Zero3_ShardsScaleAsOneOverN_UpToPerParameterPadding()
    {
        Gen.Select(Params, Gpus).Sample((ps, n) =>
        {
            var d = Device(ps, ParallelStrategy.Zero3, n);
            long all = ps.Sum(p => p.Elements), trainable = ps.Where(p => p.Trainable).Sum(p => p.Elements);
            var whole = ps.Where(p => p.Elements <= ParallelDefaults.Stage3PersistenceThreshold).Sum(p => p.Bytes);
            Assert.Equal((all + d.PaddingElements) * 4, (d.ParamBytes - whole) * n);
            Assert.InRange(d.PaddingElements, 0, ps.Length * (long)(n - 1));
            Assert.InRange(d.GradientBytes * n, trainable * 4, (trainable + d.PaddingElements) * 4);
            // Adam on the fp32 partition (fp32 mode: no separate master copy): 2 x 4 bytes per element + one step tensor
            Assert.Equal(trainable == 0 ? 0 : (2 * d.GradientBytes) + 4, d.OptimizerStateBytes);
        });
    }

    [Theory]
    [InlineData(ParallelStrategy.Zero1)]
    [InlineData(ParallelStrategy.Zero2)]
    public void Zero12_StateScalesAsOneOverN_UpToFlatPadding(ParallelStrategy s)
    {
        Gen.Select(Params, Gpus).Sample((ps, n) =>
        {
            var d = Device(ps, s, n);
            var trainable = ps.Where(p => p.Trainable).Sum(p => p.Elements);
            if (trainable == 0)
            {
                return;
            }
            // the fp32 master partition (4 bytes) and Adam's two moments (8 bytes) per element, one step tensor
            Assert.Equal(12 * (trainable + d.PaddingElements), (d.OptimizerStateBytes - 4) * n);
            Assert.InRange(d.PaddingElements, 0, (2 * n) - 1);
            var partition = 4 * (trainable + d.PaddingElements) / n;
            Assert.Equal(s == ParallelStrategy.Zero2 ? partition : partition + (trainable * 4), d.GradientBytes);
        });
    }

    [Fact]
    public void Ddp_OneDeviceWithoutBuckets_IsTheSingleDeviceModel()
    {
        Gen.Select(RandomNets.Gen, Gen.Long[1, 8], Gen.Bool).Sample((net, batch, amp) =>
        {
            var report = Analyzer.Analyze(SpecParser.Parse(net.Text, "prop.cnn"), new AnalysisOptions
            {
                Batch = batch,
                Optimizer = CnnMem.Optimizer.Adam,
                Memory = CnnMem.MemoryOptions.PyTorch113Cpu with { MixedPrecision = amp },
                Parallel = new DataParallelOptions { Gpus = 1, GradientAsBucketView = true },
            });
            var t = report.Memory.Training!;
            var d = report.Memory.Parallel!.PerDevice;
            Assert.Equal(t.SteadyPeakTotalBytes, d.TotalBytes);
            Assert.Equal(0, d.CommunicationBufferBytes);
            Assert.Equal(report.Totals.Params * 4, d.ParamBytes);
            Assert.Equal(t.StaticBytes - d.ParamBytes, d.BufferAndInputBytes);
        }, iter: 40);
    }
}
