using CnnMem.Graphs;

namespace CnnMem.Onnx;

/// <summary>
/// Reads the graph's initializers: named, defined once, converted by <see cref="OnnxTensors"/> (dims and
/// dtype; values only for small tensors; weights never copied). Sparse initializers are refused.
/// </summary>
internal static class OnnxInitializers
{
    private const int SparseValues = 1;

    public static Dictionary<string, Initializer> Read(OnnxImportContext context)
    {
        var b = new Dictionary<string, Initializer>(context.Model.Count(OnnxModelBytes.GraphInitializer), StringComparer.Ordinal);
        var t = context.Tensor;
        foreach (var slice in context.Model.Fields(OnnxModelBytes.GraphInitializer))
        {
            t.Read(context.Data, slice);
            var name = t.TensorName;
            if (name.Length == 0)
            {
                throw new CnnMemException("an initializer has no name");
            }
            if (b.ContainsKey(name))
            {
                throw new CnnMemException($"initializer '{name}' is defined twice");
            }
            b[name] = new Initializer(OnnxTensors.Convert(context, t, name, new TensorSite(null, name)));
        }
        var sparse = context.Model.Count(OnnxModelBytes.GraphSparseInitializer);
        if (sparse > 0)
        {
            throw new CnnMemException($"the graph has {sparse} sparse initializer(s) ('{FirstSparseName(context)}'), which cnnmem does not support");
        }
        return b;
    }

    /// <summary>The name of the first sparse initializer's values tensor, or "" (the old message printed nothing for none).</summary>
    private static string FirstSparseName(OnnxImportContext context)
    {
        foreach (var slice in context.Model.Fields(OnnxModelBytes.GraphSparseInitializer))
        {
            var r = context.Reader(slice);
            string? name = null;
            while (!r.AtEnd)
            {
                var tag = r.ReadTag();
                if (tag == ProtoReader.Tag(SparseValues, ProtoReader.LengthDelimited))
                {
                    var values = r.ReadSlice();
                    context.Tensor.Read(context.Data, values);
                    name = context.Tensor.TensorName;
                }
                else
                {
                    r.Skip(tag);
                }
            }
            return name ?? "";
        }
        return "";
    }
}
