using CnnMem.Tests.Ops.Fusion;

namespace CnnMem.Tests.Graphs;

/// <summary>The inference result's tensor index: each tensor's producer, its readers (one per input slot, in graph order) and its graph-output uses.</summary>
public class TensorIndexTests
{
    [Theory]
    [InlineData("x", -1, "a,b,b", 3)]      // a graph input: no producer; b reads it twice
    [InlineData("a", 0, "c", 1)]
    [InlineData("b", 1, "c", 2)]           // read by c and named as a graph output
    [InlineData("c", 2, "", 1)]
    [InlineData("W", -1, "", 0)]           // an initializer nothing reads
    [InlineData("nothing", -1, "", 0)]
    public void Index_ProducerReadersAndUses(string tensor, int producer, string readers, int uses)
    {
        var g = new FusionGraph(2, 4);
        g.Weight("W", 4);
        var a = g.Op("a", "Relu", ["x"]);
        var b = g.Op("b", "Mul", ["x", "x"]);
        var inference = g.Infer(g.Op("c", "Add", [a, b]), b);
        var index = inference.TensorIndex;
        Assert.Equal(producer, index.Producer(tensor));
        Assert.Equal(readers, string.Join(",", index.Readers(tensor).ToArray().Select(r => inference.Nodes[r].Node.Name)));
        Assert.Equal(readers.Length == 0 ? 0 : readers.Split(',').Length, index.ReaderCount(tensor));
        Assert.Equal(uses, index.Uses(tensor));
        Assert.Same(index, inference.TensorIndex); // built once per result
    }
}
