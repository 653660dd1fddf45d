using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.ErrorLog;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Admin.Errors;

[NoStore]
public sealed class IndexModel(ErrorLogQueries queries, IServiceProvider services) : PageModel
{
    public ErrorLogResultsView Results { get; private set; } = null!;

    /// <summary>Entries this instance's queue dropped when it was full; 0 until the error logger is running.</summary>
    public long DroppedCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // Read through the container so this page works whether or not the logger has registered its queue.
        DroppedCount = services.GetService<ErrorLogQueue>()?.DroppedCount ?? 0;

        var valid = ErrorLogFilter.TryParse(Request.Query, out var filter, out var errors);
        var problems = new Dictionary<string, string>(errors);
        ErrorLogCursor? cursor = null;
        if (Request.Query[ErrorLogDisplay.CursorKey].ToString() is { Length: > 0 } token)
        {
            if (ErrorLogCursor.TryParse(token, out var parsed))
            {
                cursor = parsed;
            }
            else
            {
                problems[ErrorLogDisplay.CursorKey] = "The link to older entries is damaged. Start again from the newest entries.";
            }
        }
        foreach (var (key, message) in problems)
        {
            ModelState.AddModelError(key, message);
        }

        // Live tail follows the newest entries, so it runs only on the first page.
        var live = Request.Query[ErrorLogDisplay.LiveKey] == "1" && cursor is null;
        ErrorLogPage? page = null;
        long newestId = 0;
        if (problems.Count == 0)
        {
            page = await queries.PageAsync(filter, cursor, cancellationToken: cancellationToken);
            if (live)
            {
                newestId = await queries.NewestIdAsync(cancellationToken);
            }
        }

        var isFragment = Request.IsHtmxNonBoosted();
        Results = new ErrorLogResultsView(Request.Query, problems, filter, page, cursor is not null, live, newestId, isFragment);
        var status = problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        if (isFragment)
        {
            var partial = Partial("_Results", Results);
            partial.StatusCode = status;
            return partial;
        }
        var result = Page();
        result.StatusCode = status;
        return result;
    }
}

/// <summary>The filter form and what it found: the part of the list page that htmx swaps.</summary>
public sealed record ErrorLogResultsView(
    IQueryCollection Query,
    IReadOnlyDictionary<string, string> Errors,
    ErrorLogFilter Filter,
    ErrorLogPage? Page,
    bool IsOlderPage,
    bool Live,
    long NewestId,
    bool IsFragment)
{
    /// <summary>What the admin typed, shown back as typed (even when it did not parse).</summary>
    public string Typed(string key) => Query[key].ToString();

    public string? Invalid(string key) => Errors.ContainsKey(key) ? "true" : null;

    public string DescribedBy(string key, string? hintId = null) =>
        string.Join(' ', new[] { hintId, Errors.ContainsKey(key) ? $"{key}-error" : null }.Where(id => id is not null));

    public string? OlderUrl => Page?.Older is { } older
        ? ErrorLogDisplay.Link(ErrorLogDisplay.ListPath, Filter, (ErrorLogDisplay.CursorKey, older.ToString()))
        : null;

    public string NewestUrl => ErrorLogDisplay.Link(ErrorLogDisplay.ListPath, Filter);

    public string CsvUrl => ErrorLogDisplay.Link(ErrorLogDisplay.ExportPath, Filter);

    public string StartLiveUrl => ErrorLogDisplay.Link(ErrorLogDisplay.ListPath, Filter, (ErrorLogDisplay.LiveKey, "1"));

    public TailPollerView Poller => new(Filter, NewestId);
}
