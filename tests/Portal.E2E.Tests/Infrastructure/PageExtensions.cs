using Microsoft.Playwright;

namespace Portal.E2E.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Opens a page and waits until its Blazor circuit is interactive (the layout marks it), so clicks do something.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("main[data-interactive=true]").WaitForAsync();
    }

    public static Task ScreenshotStepAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>A screenshot of one part of the page (the layout scrolls inside its body, so a full-page shot stops at the viewport).</summary>
    public static Task ScreenshotStepAsync(this ILocator section, string name) =>
        section.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepositoryPaths.ScreenshotDirectory, name + ".png") });
}
