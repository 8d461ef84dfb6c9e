using System.Text.Json;
using CnnMem.Rendering;

namespace CnnMem.Tests.Rendering;

public class JsonReportWriterTests
{
    private static JsonElement Root() => JsonDocument.Parse(JsonReportWriter.Write(TestGraphs.Report())).RootElement;

    // The contract's fields (issue #2): every one must be present.
    [Theory]
    [InlineData("model")]
    [InlineData("source")]
    [InlineData("batch")]
    [InlineData("dtype")]
    [InlineData("optimizer")]
    [InlineData("layout")]
    [InlineData("units")]
    [InlineData("inputs")]
    [InlineData("outputs")]
    [InlineData("layers")]
    [InlineData("warnings")]
    [InlineData("totals.params")]
    [InlineData("totals.trainable_params")]
    [InlineData("totals.non_trainable_params")]
    [InlineData("totals.buffer_elements")]
    [InlineData("totals.param_bytes")]
    [InlineData("totals.buffer_bytes")]
    [InlineData("totals.activation_elements")]
    [InlineData("totals.activation_elements_per_sample")]
    [InlineData("totals.macs")]
    [InlineData("totals.flops")]
    [InlineData("totals.is_lower_bound")]
    [InlineData("memory.naive.activation_bytes_per_sample")]
    [InlineData("memory.naive.activation_bytes")]
    [InlineData("memory.naive.activation_gradient_bytes")]
    [InlineData("memory.naive.weight_bytes")]
    [InlineData("memory.naive.weight_gradient_bytes")]
    [InlineData("memory.naive.optimizer_state_slots")]
    [InlineData("memory.naive.optimizer_state_bytes")]
    [InlineData("memory.naive.inference_bytes")]
    [InlineData("memory.naive.training_bytes")]
    public void Json_HasContractField(string path)
    {
        var e = Root();
        foreach (var part in path.Split('.'))
        {
            Assert.True(e.TryGetProperty(part, out e), $"missing '{part}' of '{path}'");
        }
    }

    [Theory]
    [InlineData("name")]
    [InlineData("op")]
    [InlineData("output_shape")]
    [InlineData("output_elements")]
    [InlineData("output_bytes")]
    [InlineData("params")]
    [InlineData("trainable_params")]
    [InlineData("buffer_elements")]
    [InlineData("macs")]
    [InlineData("in_textbook_sum")]
    public void Json_EveryLayerHasContractField(string field)
    {
        foreach (var layer in Root().GetProperty("layers").EnumerateArray())
        {
            Assert.True(layer.TryGetProperty(field, out _), $"layer lacks '{field}'");
        }
    }

    [Fact]
    public void Json_ShapesAreBatchFirstInDisplayLayout()
    {
        var root = Root();
        Assert.Equal("nhwc", root.GetProperty("layout").GetString());
        // Input 2x3x8x8 (NCHW) shows as 2x8x8x3; c1's 2x4x8x8 as 2x8x8x4 (hand-computed: same padding keeps 8x8).
        Assert.Equal(new long[] { 2, 8, 8, 3 }, root.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(new long[] { 2, 8, 8, 4 }, root.GetProperty("layers")[0].GetProperty("output_shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal("float32", root.GetProperty("inputs")[0].GetProperty("dtype").GetString());
    }

    [Fact]
    public void Json_FiguresAreRawNumbers()
    {
        var root = Root();
        var c2 = root.GetProperty("layers")[1];
        // c2: conv 2 filters 3x3 stride 2 on 4x8x8 -> 2x3x3 per sample: 36 elements for batch 2, 144 bytes; 2*4*9+2 = 74 params.
        Assert.Equal(36, c2.GetProperty("output_elements").GetInt64());
        Assert.Equal(144, c2.GetProperty("output_bytes").GetInt64());
        Assert.Equal(74, c2.GetProperty("params").GetInt64());
        Assert.Equal("bytes", root.GetProperty("units").GetString());
        Assert.Equal(2, root.GetProperty("memory").GetProperty("naive").GetProperty("optimizer_state_slots").GetInt32());
        Assert.Equal("adam", root.GetProperty("optimizer").GetString());
    }

    [Fact]
    public void Json_IsSnakeCaseIndentedWithLf()
    {
        var text = JsonReportWriter.Write(TestGraphs.Report());
        Assert.DoesNotContain("\r", text);
        Assert.Contains("\n  \"model\": \"twoconv\"", text);
        Assert.DoesNotContain("\"Model\"", text);
    }

    [Fact]
    public void Json_UnknownDimIsNull()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var text = JsonSerializer.Serialize(new JsonTensor("t", [4, null, 3], "float32"), options);
        Assert.Equal("{\"name\":\"t\",\"shape\":[4, null, 3],\"dtype\":\"float32\"}", text);
        Assert.Null(JsonDocument.Parse(text).RootElement.GetProperty("shape")[1].Deserialize<long?>());
    }
}
