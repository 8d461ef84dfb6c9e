using System.IO.Compression;

namespace CnnMem.Web.Tests;

/// <summary>Model files the tests hand to the page: the repository's test data, and a Keras 3 archive zipped from it.</summary>
internal static class TestFiles
{
    /// <summary>An ONNX conv net whose input is [N, 3, height, width] (height and width symbolic), 618 parameters.</summary>
    public static string DynamicHw => Path.Combine(PublishedApp.RepositoryRoot, "tests", "CnnMem.Web.Tests", "TestData", "dynamic_hw.onnx");

    public static string Keras(string name) => Path.Combine(PublishedApp.RepositoryRoot, "tests", "CnnMem.Tests", "TestData", "keras", name);

    public static string Oracle(string name) => Path.Combine(PublishedApp.RepositoryRoot, "tests", "CnnMem.Tests", "TestData", "oracle", "models", name);

    /// <summary>The seed as a Keras 3 <c>.keras</c> archive (config.json and metadata.json zipped), in a fresh temporary folder.</summary>
    public static string KerasArchive(string model)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"cnnmem-web-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, model + ".keras");
        ZipFile.CreateFromDirectory(Keras(Path.Combine("keras3", model)), path);
        return path;
    }
}
