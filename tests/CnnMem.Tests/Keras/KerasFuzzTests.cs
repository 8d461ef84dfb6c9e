using System.Text.Json.Nodes;
using CnnMem.Import.Keras;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Keras;

/// <summary>
/// Mutated Keras files (a value replaced by null, a negative or huge number, a string, an empty list or object;
/// a member removed; the text cut short) either analyse or fail with a <see cref="CnnMemException"/>: never
/// another exception, which the CLI would print as a stack trace.
/// </summary>
public sealed class KerasFuzzTests
{
    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null, () => JsonValue.Create(-1), () => JsonValue.Create(0), () => JsonValue.Create(long.MaxValue),
        () => JsonValue.Create(2.5), () => JsonValue.Create("x"), () => new JsonArray(), () => new JsonObject(), () => JsonValue.Create(true),
    ];

    public static IEnumerable<object[]> Models() => KerasTestData.Models().Where(m => m != "seed").Select(m => new object[] { m });

    [Theory]
    [MemberData(nameof(Models))]
    public void MutatedModel_AnalysesOrFailsCleanly(string model)
    {
        var text = File.ReadAllText(Path.Combine(KerasTestData.Dir, $"{model}.json"));
        var random = new Random(model.Length * 7919);
        for (var i = 0; i < 200; i++)
        {
            var mutated = i % 25 == 24 ? text[..random.Next(text.Length)] : Mutate(JsonNode.Parse(text)!, random).ToJsonString();
            try
            {
                Analyzer.Analyze(KerasImporter.ImportJson(mutated, "fuzz.json"), new AnalysisOptions { Batch = 2, AllowUnknown = i % 2 == 0 });
            }
            catch (CnnMemException)
            {
                // a clear error is a fine answer
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} of {model}: {e}");
            }
        }
    }

    private static JsonNode Mutate(JsonNode root, Random random)
    {
        var all = new List<JsonNode>();
        Collect(root, all);
        var target = all[random.Next(1, all.Count)];
        var parent = target.Parent!;
        if (parent is JsonObject o)
        {
            var key = o.First(p => ReferenceEquals(p.Value, target)).Key;
            if (random.Next(4) == 0)
            {
                o.Remove(key);
            }
            else
            {
                o[key] = Replacements[random.Next(Replacements.Length)]();
            }
        }
        else if (parent is JsonArray a)
        {
            var index = a.IndexOf(target);
            a[index] = Replacements[random.Next(Replacements.Length)]();
        }
        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode> all)
    {
        if (node is null)
        {
            return;
        }
        all.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var p in o)
                {
                    Collect(p.Value, all);
                }
                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Collect(v, all);
                }
                break;
        }
    }
}
