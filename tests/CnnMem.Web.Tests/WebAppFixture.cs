namespace CnnMem.Web.Tests;

/// <summary>Once for the test class: publish the app, serve it on 127.0.0.1 and start chromium.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private StaticSite? site;
    private Chromium? browser;

    public TimeSpan PublishTime { get; private set; }

    public Uri Address => site?.Address ?? throw new InvalidOperationException("the site is not running");

    public Chromium Browser => browser ?? throw new InvalidOperationException("chromium is not running");

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            if (InCi)
            {
                throw new InvalidOperationException($"CI=true but chromium is not installed at {Chromium.ExecutablePath}: .ci/run must install it (apt-get install chromium)");
            }
            return; // every test is skipped (BrowserFact)
        }
        var (folder, took) = PublishedApp.Publish();
        PublishTime = took;
        site = await StaticSite.StartAsync(folder);
        browser = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        if (site is not null)
        {
            await site.DisposeAsync();
        }
    }
}
