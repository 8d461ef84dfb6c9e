using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CsCheck;

namespace CnnMem.Tests.Graphs;

/// <summary>
/// <see cref="GraphValidator"/>: a graph already in topological order comes back as it is; otherwise the
/// nodes are ordered (ready nodes in file order); structural errors name the node and tensor.
/// </summary>
public class GraphValidatorTests
{
    private static Node N(string name, string[] inputs, params string[] outputs) =>
        new(name, "Op", [.. inputs], [.. outputs], Attributes.Empty);

    private static ModelGraph Graph(string[] outputs, params Node[] nodes) =>
        new("g", [new TensorInfo("x", DType.Float32, Shape.Of(1))],
            new Dictionary<string, Initializer> { ["w"] = new(new TensorInfo("w", DType.Float32, Shape.Of(1))) },
            [.. nodes], [.. outputs]);

    private static string Order(ModelGraph g) => string.Join(",", GraphValidator.Validate(g).Nodes.Select(n => n.Name));

    [Fact]
    public void Ordered_ComesBackAsItIs()
    {
        var g = Graph(["c"], N("a", ["x", "w"], "a"), N("b", ["a", "a"], "b"), N("c", ["b", "", "x"], "c"));
        Assert.Same(g, GraphValidator.Validate(g));
    }

    [Theory]
    [InlineData("c,a,b", "c", "a,b,c")] // a chain written out of order
    [InlineData("d,c,b", "d", "c,b,d")] // two ready branches keep their file order
    public void Unordered_IsSortedTakingReadyNodesInFileOrder(string fileOrder, string output, string expected)
    {
        var all = new Dictionary<string, Node>
        {
            ["a"] = N("a", ["x"], "a"),
            ["b"] = N("b", ["a"], "b"),
            ["c"] = N("c", ["b"], "c"),
        };
        if (fileOrder.StartsWith('d'))
        {
            all["b"] = N("b", ["x"], "b");
            all["c"] = N("c", ["x"], "c");
            all["d"] = N("d", ["b", "c"], "d");
        }
        var nodes = fileOrder.Split(',').Select(n => all[n]).ToArray();
        Assert.Equal(expected, Order(Graph([output], nodes)));
    }

    [Theory]
    [InlineData("self", "the graph has a cycle through 'a'")]
    [InlineData("undefined", "node 'a' (Op): input 'ghost' is not defined (no graph input, initializer or node output has that name)")]
    [InlineData("shadow", "node 'a' (Op): output 'x' has the same name as a graph input")]
    [InlineData("twice", "node 'b' (Op): tensor 'a' is already produced by node 'a' (Op)")]
    [InlineData("name", "node 'a' (Op): duplicate name 'a'")]
    [InlineData("output", "graph output 'nowhere' is not produced by any node")]
    public void BrokenGraph_SaysWhatIsWrong(string how, string expected)
    {
        var g = how switch
        {
            "self" => Graph(["a"], N("a", ["x", "a"], "a")),
            "undefined" => Graph(["a"], N("a", ["ghost"], "a")),
            "shadow" => Graph(["x"], N("a", ["w"], "x")),
            "twice" => Graph(["a"], N("a", ["x"], "a"), N("b", ["x"], "a")),
            "name" => Graph(["b"], N("a", ["x"], "a"), N("a", ["a"], "b")),
            _ => Graph(["nowhere"], N("a", ["x"], "a")),
        };
        Assert.Equal(expected, Assert.Throws<CnnMemException>(() => GraphValidator.Validate(g)).Message);
    }

    [Fact]
    public void WriteToAnInitializerName_IsAllowed()
    {
        // A node may produce a tensor that shares an initializer's name (an initializer is a default value).
        Assert.Equal("a", Order(Graph(["w"], N("a", ["x"], "w"))));
    }

    [Fact]
    public void RandomDags_InAnyFileOrder_ComeOutTopologicallySorted()
    {
        // Node i reads x and some earlier nodes; the file lists the nodes in a random permutation.
        var dags = Gen.Int[1, 30].SelectMany(n => Gen.Int[0, int.MaxValue].Select(seed => (n, seed)));
        dags.Sample(d =>
        {
            var r = new Random(d.seed);
            var nodes = Enumerable.Range(0, d.n)
                .Select(i => N($"n{i}", ["x", .. Enumerable.Range(0, i).Where(_ => r.Next(3) == 0).Select(k => $"t{k}")], $"t{i}"))
                .ToArray();
            var shuffled = nodes.OrderBy(_ => r.Next()).ToArray();
            var sorted = GraphValidator.Validate(Graph([$"t{d.n - 1}"], shuffled)).Nodes;
            Assert.Equal(nodes.Select(n => n.Name).Order(), sorted.Select(n => n.Name).Order());
            var position = sorted.Select((n, i) => (n.Outputs[0], i)).ToDictionary(p => p.Item1, p => p.i);
            foreach (var (n, i) in sorted.Select((n, i) => (n, i)))
            {
                Assert.All(n.Inputs.Where(position.ContainsKey), input => Assert.True(position[input] < i, $"{n.Name} comes before the producer of {input}"));
            }
        }, iter: 300);
    }
}
