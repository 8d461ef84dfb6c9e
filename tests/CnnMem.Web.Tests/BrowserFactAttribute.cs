namespace CnnMem.Web.Tests;

/// <summary>
/// A test that needs chromium. Without it the test is skipped with a message on a developer's machine;
/// in CI (<c>CI=true</c>) it runs and fails loudly, because CI must install chromium.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled && !WebAppFixture.InCi)
        {
            Skip = $"chromium not found at {Chromium.ExecutablePath} (apt-get install chromium, or set CNNMEM_CHROMIUM); CI=true makes this a failure";
        }
    }
}
