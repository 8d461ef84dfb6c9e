namespace CnnMem.Web.Tests;

/// <summary>A theory that needs chromium; skipped or failed as <see cref="BrowserFactAttribute"/> says.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!Chromium.IsInstalled && !WebAppFixture.InCi)
        {
            Skip = $"chromium not found at {Chromium.ExecutablePath} (apt-get install chromium, or set CNNMEM_CHROMIUM); CI=true makes this a failure";
        }
    }
}
