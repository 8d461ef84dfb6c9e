using System.Collections.Immutable;
using CnnMem.Web.Model;

namespace CnnMem.Web.Tests;

/// <summary>
/// The page reads its defaults from the library (<see cref="AnalysisOptions"/>) rather than restating them, as the CLI
/// does (CnnMem.Tests' SameDefaultsTests): untouched settings are the library's defaults, PyTorch 2.x on CUDA.
/// </summary>
public class WebSettingsDefaultsTests
{
    [Fact]
    public void Untouched_AreTheLibrarysDefaults()
    {
        var library = new AnalysisOptions();
        var page = new WebSettings().ToOptions(library.Batch, ImmutableDictionary<string, long>.Empty, deviceFit: false);
        Assert.Equal(library.Memory, page.Memory);
        Assert.Equal(Framework.PyTorch2, page.Memory.Framework);
        Assert.Equal(Backend.Cuda, page.Memory.Backend);
        Assert.Equal(library.DType, page.DType);
        Assert.Equal(library.Optimizer, page.Optimizer);
        Assert.Equal(library.AllowUnknown, page.AllowUnknown);
        Assert.Equal(library.Parallel, page.Parallel);
        Assert.Equal(library.Device, page.Device);
        Assert.Equal(library.ChartData, page.ChartData);
        Assert.Empty(page.Freeze);
        Assert.Empty(page.Dims);
    }
}
