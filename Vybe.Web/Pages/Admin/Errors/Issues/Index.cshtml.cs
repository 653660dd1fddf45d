using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Admin.Errors.Issues;

/// <summary>What the status panel (<c>_IssueStatus</c>) shows: the issue's status, its actions, and why the last one was refused.</summary>
public sealed record IssueStatusPanel(ErrorIssue Issue, bool IsRegression, string? Error = null)
{
    public const string Id = "issue-status";
}

/// <summary>
/// An issue (<c>/Admin/Errors/Issues/{id}</c>): its facts, status actions, merges, where and in which
/// browsers and releases it happens, its latest events and its stack. Every action is a plain form
/// that posts and redirects back (POST-redirect-GET); the status actions are enhanced by htmx, which
/// gets the status panel alone. Bad input is 400, a change that makes no sense (merging an issue
/// into itself) 422, each with its message; an issue that does not exist is 404.
/// </summary>
[NoStore]
public sealed class IndexModel(ErrorIssueDetails details, ErrorIssueCommands commands, ErrorIssueTrends trends, IOptions<ErrorLogOptions> options)
    : PageModel
{
    public ErrorIssueDetail Detail { get; private set; } = null!;

    /// <summary>The issue's events per hour over the last 24 hours and per day over the last 14, from the writer's hourly counts.</summary>
    public IReadOnlyList<ErrorIssueTrend> Trends { get; private set; } = [];

    /// <summary>Why the last action was refused, shown beside the form it came from.</summary>
    public string? StatusError { get; private set; }

    public string? MergeError { get; private set; }

    public int RetentionDays => options.Value.RetentionDays;

    public IssueStatusPanel StatusPanel => new(Detail.Issue, Detail.IsRegression, StatusError);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await details.DetailAsync(id, cancellationToken) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        Trends = await TrendsAsync(id, cancellationToken);
        return Page();
    }

    private async Task<IReadOnlyList<ErrorIssueTrend>> TrendsAsync(long id, CancellationToken cancellationToken)
    {
        var charts = new List<ErrorIssueTrend>();
        foreach (var period in ErrorIssueTrendPeriod.All)
        {
            charts.Add((await trends.ForAsync([id], period, cancellationToken))[id]);
        }
        return charts;
    }

    public async Task<IActionResult> OnPostResolveAsync(long id, bool nextRelease, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await StatusRefusedAsync(id, "Resolve the issue either now or in the next release.", StatusCodes.Status400BadRequest, cancellationToken);
        }
        return await StatusChangedAsync(id, commands.ResolveAsync(id, nextRelease, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken cancellationToken) =>
        StatusChangedAsync(id, commands.ReopenAsync(id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostIgnoreAsync(long id, CancellationToken cancellationToken) =>
        StatusChangedAsync(id, commands.IgnoreAsync(id, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostSnoozeAsync(long id, string? snooze, CancellationToken cancellationToken)
    {
        if (!ErrorIssueSnooze.TryParse(snooze, out var choice, out var error))
        {
            return await StatusRefusedAsync(id, error, StatusCodes.Status400BadRequest, cancellationToken);
        }
        return await StatusChangedAsync(id, commands.SnoozeAsync(id, choice, cancellationToken), cancellationToken);
    }

    /// <summary>"Merge issue #N into this one."</summary>
    public Task<IActionResult> OnPostMergeHereAsync(long id, string? other, CancellationToken cancellationToken) =>
        MergeAsync(id, other, (self, number) => commands.MergeAsync(self, [number], cancellationToken), cancellationToken);

    /// <summary>"Merge this issue into #N."</summary>
    public Task<IActionResult> OnPostMergeIntoAsync(long id, string? other, CancellationToken cancellationToken) =>
        MergeAsync(id, other, (self, number) => commands.MergeAsync(number, [self], cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostSplitAsync(long id, long source, CancellationToken cancellationToken) =>
        await MergeChangedAsync(id, await commands.SplitAsync(id, source, cancellationToken), cancellationToken);

    private async Task<IActionResult> MergeAsync(long id, string? other, Func<long, long, Task<ErrorIssueCommandResult>> merge,
        CancellationToken cancellationToken)
    {
        if (!TryParseIssueNumber(other, out var number))
        {
            return await RefusedAsync(id, null, "Give the other issue's number, such as 12 or #12.", StatusCodes.Status400BadRequest, cancellationToken);
        }
        var result = await merge(id, number);
        // The issue named in the form not existing is a refusal; this page's own issue not existing is 404.
        if (result.Outcome == ErrorIssueCommandOutcome.NotFound && await details.FindAsync(id, cancellationToken) is not null)
        {
            result = ErrorIssueCommandResult.Refused($"There is no issue #{number}.");
        }
        return await MergeChangedAsync(id, result, cancellationToken);
    }

    private async Task<IActionResult> MergeChangedAsync(long id, ErrorIssueCommandResult result, CancellationToken cancellationToken) =>
        result.Outcome switch
        {
            ErrorIssueCommandOutcome.Done => RedirectToPage(new { id }),
            ErrorIssueCommandOutcome.NotFound => NotFound(),
            _ => await RefusedAsync(id, null, result.Message!, StatusCodes.Status422UnprocessableEntity, cancellationToken),
        };

    private async Task<IActionResult> StatusChangedAsync(long id, Task<ErrorIssueCommandResult> change, CancellationToken cancellationToken)
    {
        var result = await change;
        switch (result.Outcome)
        {
            case ErrorIssueCommandOutcome.NotFound:
                return NotFound();
            case ErrorIssueCommandOutcome.Refused:
                return await StatusRefusedAsync(id, result.Message!, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
        if (!Request.IsHtmxNonBoosted())
        {
            return RedirectToPage(new { id });
        }
        if (await details.DetailAsync(id, cancellationToken) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        return Partial("_IssueStatus", StatusPanel);
    }

    private Task<IActionResult> StatusRefusedAsync(long id, string message, int statusCode, CancellationToken cancellationToken) =>
        RefusedAsync(id, message, null, statusCode, cancellationToken);

    /// <summary>The page (or, for htmx, the status panel) with the message beside the form that was refused.</summary>
    private async Task<IActionResult> RefusedAsync(long id, string? statusError, string? mergeError, int statusCode, CancellationToken cancellationToken)
    {
        if (await details.DetailAsync(id, cancellationToken) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        StatusError = statusError;
        MergeError = mergeError;
        Trends = await TrendsAsync(id, cancellationToken);
        return statusError is not null
            ? this.PageOrFragment("_IssueStatus", StatusPanel, statusCode)
            : StatusPage(statusCode);
    }

    private PageResult StatusPage(int statusCode)
    {
        var page = Page();
        page.StatusCode = statusCode;
        return page;
    }

    /// <summary>An issue's number as people write it: <c>12</c> or <c>#12</c>.</summary>
    public static bool TryParseIssueNumber(string? text, out long number)
    {
        var trimmed = (text ?? "").Trim().TrimStart('#').Trim();
        return long.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number > 0;
    }
}

/// <summary>One table of the issue page's most common values (pages, browsers).</summary>
public sealed record RankedCountsView(string Id, string Heading, string KeyHeading, IReadOnlyList<RankedCount> Counts);
