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

    /// <summary>
    /// Signs in through the sign-in page as one of the sandbox's demo users (<c>viewer</c>, <c>operator</c>,
    /// <c>operator2</c>, <c>approver</c>, <c>approver2</c>, <c>admin</c>; password <c>&lt;name&gt;-demo-pass</c>) and waits for the
    /// environments page to be interactive.
    /// </summary>
    public static async Task SignInAsync(this IPage page, string user)
    {
        await page.GotoAsync("/signin");
        await page.GetByTestId("signin-name").FillAsync(user);
        await page.GetByTestId("signin-password").FillAsync($"{user}-demo-pass");
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.Locator("main[data-interactive=true]").WaitForAsync();
    }

    /// <summary>
    /// Picks <paramref name="option"/> in the Radzen dropdown <paramref name="testId"/> and waits until the dropdown shows
    /// it. On a loaded machine a click can land while the popup re-renders and select nothing, so the pick is tried again
    /// (up to three times) instead of letting a later step fail far from the cause.
    /// </summary>
    /// <param name="page">The page.</param>
    /// <param name="testId">The dropdown's <c>data-testid</c>.</param>
    /// <param name="option">The option's accessible name.</param>
    public static async Task ChooseAsync(this IPage page, string testId, string option)
    {
        var dropdown = page.GetByTestId(testId);
        for (var attempt = 1; ; attempt++)
        {
            var choice = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
            if (!await choice.IsVisibleAsync())
            {
                await dropdown.ClickAsync();
            }

            await choice.ClickAsync();
            try
            {
                await Assertions.Expect(dropdown).ToContainTextAsync(option, new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    /// <summary>
    /// Creates an environment through the form, as a user does: the template's form, the name, the class, any other
    /// fields <paramref name="fill"/> sets, then submit; returns on the new environment's page.
    /// </summary>
    /// <param name="page">The page.</param>
    /// <param name="template">The template's name.</param>
    /// <param name="name">The environment's name.</param>
    /// <param name="environmentClass">The class as the dropdown shows it ("Development").</param>
    /// <param name="fill">Fills the template's own fields; null leaves their defaults.</param>
    public static async Task CreateEnvironmentAsync(this IPage page, string template, string name, string environmentClass = "Development", Func<IPage, Task>? fill = null)
    {
        await page.GotoInteractiveAsync($"/environments/new?template={template}");
        await page.GetByTestId("environment-name").FillAsync(name);
        await page.ChooseAsync("environment-class", environmentClass);
        if (fill is not null)
        {
            await fill(page);
        }

        await page.SubmitCreateFormAsync(name);
    }

    /// <summary>
    /// Submits the create-environment form and waits for the new environment's page; if the form stays, fails with the
    /// errors it shows rather than a bare navigation timeout.
    /// </summary>
    /// <param name="page">The page.</param>
    /// <param name="name">The environment's name.</param>
    public static async Task SubmitCreateFormAsync(this IPage page, string name)
    {
        await page.GetByTestId("create-submit").ClickAsync();
        try
        {
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/environments/{name}$"), new() { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            var shown = await page.Locator("[data-testid=form-error], .field-error").AllInnerTextsAsync();
            throw new TimeoutException(
                $"The create form did not open /environments/{name}; it shows: [{string.Join(" | ", shown)}]. "
                + $"The portal's last warnings and errors:\n{PortalProcess.ProblemsLoggedBy(page.Url)}",
                ex);
        }
    }

    /// <summary>
    /// Clicks a button that should open another page and waits for it. If the page stays, fails with what it shows (its
    /// URL, form errors and alerts) and a screenshot named after the expected page, not a bare navigation timeout.
    /// </summary>
    /// <param name="button">The button to click.</param>
    /// <param name="url">The page the click should open.</param>
    public static async Task ClickToNavigateAsync(this ILocator button, System.Text.RegularExpressions.Regex url)
    {
        ArgumentNullException.ThrowIfNull(button);
        ArgumentNullException.ThrowIfNull(url);
        var page = button.Page;
        await button.ClickAsync(new() { Timeout = 60_000 });
        try
        {
            await page.WaitForURLAsync(url, new() { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            var shown = await page.Locator("[data-testid=form-error], .field-error, .rz-alert, #blazor-error-ui:visible, #components-reconnect-modal:visible").AllInnerTextsAsync();
            var screenshot = Path.Combine(RepositoryPaths.ScreenshotDirectory, $"failed-navigation-{DateTime.UtcNow:HHmmssfff}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            throw new TimeoutException(
                $"Clicking did not open {url}; the page stays at {page.Url} and shows: [{string.Join(" | ", shown)}] (see {screenshot}). "
                + $"The portal's last warnings and errors:\n{PortalProcess.ProblemsLoggedBy(page.Url)}",
                ex);
        }
    }

    public static Task ScreenshotStepAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>A screenshot of one part of the page (the layout scrolls inside its body, so a full-page shot stops at the viewport).</summary>
    public static Task ScreenshotStepAsync(this ILocator section, string name) =>
        section.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepositoryPaths.ScreenshotDirectory, name + ".png") });
}
