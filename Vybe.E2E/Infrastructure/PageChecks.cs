using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Vybe.TestSupport;

namespace Vybe.E2E.Infrastructure;

/// <summary>
/// What every page of a journey must pass, checked where the journey stands: axe-core finds no
/// accessibility violation, at desktop width and at phone width; at phone width nothing overflows
/// sideways; and a screenshot at each width lands in artifacts/screenshots for a person to look at.
/// </summary>
public static class PageChecks
{
    private static readonly JsonSerializerOptions AxeJson = new(JsonSerializerDefaults.Web);

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    private static readonly Lazy<string> AxeSource = new(LoadAxe);

    /// <summary>
    /// Checks the page as it is now, at both widths, and leaves it at the width it had. The name
    /// becomes the screenshots' file names (<c>NAME-desktop.png</c>, <c>NAME-phone.png</c>).
    /// </summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        var original = page.ViewportSize is { } size ? new ViewportSize { Width = size.Width, Height = size.Height } : Desktop;
        var failures = new StringBuilder();
        try
        {
            foreach (var (width, viewport) in new[] { ("desktop", Desktop), ("phone", Phone) })
            {
                await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
                await WaitUntilSettledAsync(page);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot($"{name}-{width}.png"), FullPage = true });
                failures.Append(await AccessibilityViolationsAsync(page, $"{name} ({width})"));
                if (viewport == Phone)
                {
                    var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    if (overflow > 0)
                    {
                        failures.AppendLine($"{name} (phone): the page is {overflow}px wider than the {Phone.Width}px screen.");
                    }
                }
            }
        }
        finally
        {
            await page.SetViewportSizeAsync(original.Width, original.Height);
        }
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// Waits until the page is at rest: no htmx request in flight and no swap settling (htmx marks
    /// those with classes it removes when done), and no CSS transition or animation running. What a
    /// check sees then is what a person looking at the page sees, not a frame in between.
    /// </summary>
    public static Task WaitUntilSettledAsync(IPage page) =>
        page.WaitForFunctionAsync(
            """
            () => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')
                && document.getAnimations().every(animation => animation.playState !== 'running')
            """,
            null,
            new PageWaitForFunctionOptions { PollingInterval = 50 });

    /// <summary>
    /// For a page whose context has JavaScript disabled: Playwright cannot evaluate anything there
    /// (axe-core and the overflow measure would wait forever), so only the screenshots are taken.
    /// The journeys with JavaScript check the same pages with <see cref="CheckAsync"/>.
    /// </summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        var original = page.ViewportSize is { } size ? new ViewportSize { Width = size.Width, Height = size.Height } : Desktop;
        try
        {
            foreach (var (width, viewport) in new[] { ("desktop", Desktop), ("phone", Phone) })
            {
                await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot($"{name}-{width}.png"), FullPage = true });
            }
        }
        finally
        {
            await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }

    /// <summary>
    /// axe-core's violations on the page, described for a failure message (empty when there are none).
    /// The script is evaluated through the DevTools protocol, which the page's Content-Security-Policy
    /// does not govern, so the app needs no exception for it; it runs even where the page itself has
    /// JavaScript disabled.
    /// </summary>
    public static async Task<string> AccessibilityViolationsAsync(IPage page, string where)
    {
        var json = await page.EvaluateAsync<string>(
            """
            async source => {
                if (!window.axe) {
                    (0, eval)(source);
                }
                const results = await window.axe.run(document, { resultTypes: ['violations'] });
                return JSON.stringify(results.violations.map(v => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => ({ target: n.target.join(' '), summary: n.failureSummary })),
                })));
            }
            """,
            AxeSource.Value);
        var violations = JsonSerializer.Deserialize<List<Violation>>(json, AxeJson) ?? [];
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine($"{where}: axe {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine($"    at {node.Target}: {node.Summary?.ReplaceLineEndings(" ")}");
            }
        }
        return text.ToString();
    }

    private static string LoadAxe()
    {
        var path = Path.Combine(RepositoryPaths.Root, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing. Run `npm ci` at the repository root (./test.sh does).");
        }
        return File.ReadAllText(path);
    }

    private sealed record Violation(string Id, string? Impact, string Help, List<ViolationNode> Nodes);

    private sealed record ViolationNode(string Target, string? Summary);
}
