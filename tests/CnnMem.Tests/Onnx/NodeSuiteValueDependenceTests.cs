using Onnx;

namespace CnnMem.Tests.Onnx;

public class NodeSuiteValueDependenceTests
{
    private static NodeProto Node(string op, string[] ins, string output)
    {
        var n = new NodeProto { OpType = op };
        n.Input.AddRange(ins);
        n.Output.Add(output);
        return n;
    }

    private static GraphProto Graph(string[] inputs, string[] initializers, params NodeProto[] nodes)
    {
        var g = new GraphProto();
        g.Input.AddRange(inputs.Select(i => new ValueInfoProto { Name = i }));
        g.Initializer.AddRange(initializers.Select(i => new TensorProto { Name = i }));
        g.Node.AddRange(nodes);
        return g;
    }

    [Fact]
    public void ValueDependence_RuntimeReshapeTarget_AllowsUnknownDownstream()
    {
        var g = Graph(["x", "shape"], [], Node("Reshape", ["x", "shape"], "y"), Node("Relu", ["y"], "z"));
        var allowed = NodeSuiteValueDependence.UnknownAllowed(g);
        Assert.Contains("y", allowed);
        Assert.Contains("z", allowed);
    }

    [Fact]
    public void ValueDependence_TargetFromShapeOrInitializer_AllowsNothing()
    {
        var g = Graph(["x", "w"], ["w"],
            Node("Shape", ["x"], "s"),
            Node("Reshape", ["x", "s"], "y"),
            Node("Reshape", ["y", "w"], "z"));
        Assert.Empty(NodeSuiteValueDependence.UnknownAllowed(g));
    }

    [Fact]
    public void ValueDependence_ComputedFromRuntimeInput_AllowsUnknownButInitializerDoesNot()
    {
        // A value computed from a runtime input is itself runtime; an initializer target is static.
        var g = Graph(["x"], [], Node("Relu", ["x"], "r"), Node("Reshape", ["r", "r"], "y"));
        Assert.Contains("y", NodeSuiteValueDependence.UnknownAllowed(g));
        var g2 = Graph(["x", "c"], ["c"], Node("Reshape", ["x", "c"], "y"));
        Assert.Empty(NodeSuiteValueDependence.UnknownAllowed(g2));
    }
}
