using Microsoft.Playwright;

namespace Vybe.E2E.Infrastructure;

/// <summary>
/// Records what a page reported as going wrong: console errors (which is where Chromium reports
/// Content-Security-Policy violations and failed resource loads) and uncaught script exceptions.
/// Attach it before navigating so nothing from the first load is missed.
/// </summary>
public sealed class BrowserProblems
{
    private readonly List<string> problems = [];

    private BrowserProblems()
    {
    }

    public static BrowserProblems RecordFrom(IPage page)
    {
        var recorder = new BrowserProblems();
        page.Console += (_, message) =>
        {
            // A form answered 422 is the app telling the visitor what to fix, not a problem;
            // Chromium still logs it as a failed resource load.
            if (message.Type == "error" && !message.Text.Contains("status of 422", StringComparison.Ordinal))
            {
                recorder.Add($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => recorder.Add($"uncaught exception: {error}");
        return recorder;
    }

    /// <summary>A snapshot: Playwright raises the events on its own thread.</summary>
    public IReadOnlyList<string> All
    {
        get
        {
            lock (problems)
            {
                return [.. problems];
            }
        }
    }

    private void Add(string problem)
    {
        lock (problems)
        {
            problems.Add(problem);
        }
    }
}
