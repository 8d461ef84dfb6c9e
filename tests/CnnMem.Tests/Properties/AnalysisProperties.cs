using CnnMem.Import.Spec;
using CnnMem.Reports;
using CsCheck;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Properties;

/// <summary>
/// Invariants of every analysis, checked on generated networks and on the built-in ones:
/// per-batch figures are linear in the batch, parameters do not depend on it, per-row columns add
/// up to the totals, and generated nets match counts worked out while generating them.
/// </summary>
public class AnalysisProperties
{
    private static readonly Gen<string> Specs = Gen.Frequency(
        (3, RandomNets.Gen.Select(n => n.Text)),
        (1, Gen.OneOf(BuiltInModels.Names.ToArray()).Select(Text)));

    private static AnalysisReport Analyze(string text, long batch) =>
        Analyzer.Analyze(SpecParser.Parse(text, "prop.cnn"), new AnalysisOptions { Batch = batch });

    private static string Text(string builtIn) => BuiltInModels.TryGetText(builtIn, out var t, out _) ? t : throw new InvalidOperationException(builtIn);

    [Fact]
    public void PerBatchFigures_AreLinearInBatch()
    {
        Gen.Select(Specs, Gen.Long[2, 300]).Sample((text, b) =>
        {
            var one = Analyze(text, 1);
            var many = Analyze(text, b);
            Assert.Equal(b * one.Totals.ActivationElements, many.Totals.ActivationElements);
            Assert.Equal(one.Totals.ActivationElements, many.Totals.ActivationElementsPerSample);
            Assert.Equal(b * one.Totals.Macs, many.Totals.Macs);
            Assert.Equal(b * one.Totals.Flops, many.Totals.Flops);
            Assert.Equal(b * one.Memory.Naive.ActivationBytes, many.Memory.Naive.ActivationBytes);
            Assert.Equal(one.Totals.Params, many.Totals.Params);
            Assert.Equal(one.Totals.TrainableParams, many.Totals.TrainableParams);
            Assert.Equal(one.Totals.BufferElements, many.Totals.BufferElements);
            Assert.Equal(one.Layers.Length, many.Layers.Length);
            foreach (var (l1, lb) in one.Layers.Zip(many.Layers))
            {
                Assert.Equal(b * l1.OutputElements, lb.OutputElements);
                Assert.Equal(b * l1.Macs, lb.Macs);
                Assert.Equal(l1.Params, lb.Params);
            }
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void RowSums_EqualTotals()
    {
        Gen.Select(Specs, Gen.Long[1, 64]).Sample((text, b) =>
        {
            var r = Analyze(text, b);
            Assert.Equal(r.Totals.Params, r.Layers.Sum(l => l.Params));
            Assert.Equal(r.Totals.TrainableParams, r.Layers.Sum(l => l.TrainableParams));
            Assert.Equal(r.Totals.BufferElements, r.Layers.Sum(l => l.BufferElements));
            Assert.Equal(r.Totals.Macs, r.Layers.Sum(l => l.Macs));
            var textbook = r.Inputs.Sum(i => i.Elements!.Value) + r.Layers.Where(l => l.InTextbookSum).Sum(l => l.Outputs[0].Elements!.Value);
            Assert.Equal(r.Totals.ActivationElements, textbook);
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void GeneratedNets_MatchFirstPrinciples()
    {
        RandomNets.Gen.Sample(net =>
        {
            var r = Analyze(net.Text, 1);
            Assert.Equal(net.Params, r.Totals.Params);
            Assert.Equal(net.TrainableParams, r.Totals.TrainableParams);
            Assert.Equal(net.ActivationsPerSample, r.Totals.ActivationElementsPerSample);
        }, iter: 200, threads: 1);
    }
}
