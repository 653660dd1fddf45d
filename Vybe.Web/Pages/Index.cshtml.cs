using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.History;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.Pages;

/// <summary>
/// The home page: the reading forms (time, number, compare; the photo form joins them with OCR)
/// and the reading they produce. htmx requests get the result fragment (or the form with its
/// errors); plain posts get the whole page with the result.
/// </summary>
[EnableRateLimiting(RateLimiting.ReadingsPolicy)]
public sealed class IndexModel(ReadingService readings, VisitorHistory visitors, TimeProvider clock) : PageModel
{
    public const string DepthCookieName = "vybe.depth";

    [BindProperty(SupportsGet = true, Name = "form")]
    public string? FormName { get; set; }

    [BindProperty]
    public string? Time { get; set; }

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? First { get; set; }

    [BindProperty]
    public string? Second { get; set; }

    [BindProperty]
    public string? Depth { get; set; }

    public ReadingView? Result { get; private set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public ReadingForm ActiveForm => ReadingForms.Parse(FormName);

    /// <summary>The depth the form shows selected: what was posted, else the visitor's last choice, else standard.</summary>
    public ReadingDepth SelectedDepth =>
        ReadingDepths.TryParse(Depth, out var posted, out _) ? posted
        : ReadingDepths.TryParse(Request.Cookies[DepthCookieName], out var remembered, out _) ? remembered
        : ReadingDepth.Standard;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostTimeAsync(CancellationToken cancellationToken)
    {
        FormName = ReadingForm.Time.Key();
        var depthValid = TryDepth(out var depth);
        if (!TimeInput.TryParse(Time, out var time, out var error))
        {
            ModelState.AddModelError(nameof(Time), error!);
        }
        if (!depthValid || !ModelState.IsValid)
        {
            return FormWithErrors();
        }

        Result = await readings.ReadAsync(visitors.ForSaving(HttpContext), new ReadingRequest(ReadingKind.Time, Time!, time.ToSubject(), depth), cancellationToken);
        return Answer(depth);
    }

    public async Task<IActionResult> OnPostNumberAsync(CancellationToken cancellationToken)
    {
        FormName = ReadingForm.Number.Key();
        var depthValid = TryDepth(out var depth);
        if (!NumberInput.TryParse(Number, out var number, out var error))
        {
            ModelState.AddModelError(nameof(Number), error!);
        }
        if (!depthValid || !ModelState.IsValid)
        {
            return FormWithErrors();
        }

        Result = await readings.ReadAsync(visitors.ForSaving(HttpContext), new ReadingRequest(ReadingKind.Number, Number!, number.ToSubject(), depth), cancellationToken);
        return Answer(depth);
    }

    public async Task<IActionResult> OnPostCompareAsync(CancellationToken cancellationToken)
    {
        FormName = ReadingForm.Compare.Key();
        var depthValid = TryDepth(out var depth);
        if (!TimeOrNumber.TryParse(First, out var first, out var firstError))
        {
            ModelState.AddModelError(nameof(First), firstError!);
        }
        if (!TimeOrNumber.TryParse(Second, out var second, out var secondError))
        {
            ModelState.AddModelError(nameof(Second), secondError!);
        }
        if (!depthValid || !ModelState.IsValid)
        {
            return FormWithErrors();
        }

        Result = await readings.CompareAsync(visitors.ForSaving(HttpContext), new ComparisonRequest(First!, first, Second!, second, depth), cancellationToken);
        return Answer(depth);
    }

    private bool TryDepth(out ReadingDepth depth)
    {
        if (ReadingDepths.TryParse(Depth, out depth, out var error))
        {
            return true;
        }
        ModelState.AddModelError(nameof(Depth), error!);
        return false;
    }

    private IActionResult Answer(ReadingDepth depth)
    {
        Response.Cookies.Append(DepthCookieName, depth.Key(), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            Expires = clock.GetUtcNow().AddYears(1),
        });
        return Request.IsHtmxNonBoosted() ? Partial("_ReadingAnswer", this) : Page();
    }

    private IActionResult FormWithErrors()
    {
        if (!Request.IsHtmxNonBoosted())
        {
            return this.InvalidForm();
        }
        // The form comes back with its messages in place of itself; the last result stays.
        Response.Htmx(headers => headers.Retarget($"#{ActiveForm.FormId()}").Reswap("outerHTML"));
        var form = Partial("_ReadingForm", this);
        form.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return form;
    }
}

public enum ReadingForm
{
    Time,
    Number,
    Compare,
}

public static class ReadingForms
{
    public static readonly IReadOnlyList<ReadingForm> All = [ReadingForm.Time, ReadingForm.Number, ReadingForm.Compare];

    public static string Key(this ReadingForm form) => form.ToString().ToLowerInvariant();

    public static string FormId(this ReadingForm form) => $"{form.Key()}-form";

    public static string Label(this ReadingForm form) => form switch
    {
        ReadingForm.Time => "A time",
        ReadingForm.Number => "A number",
        ReadingForm.Compare => "Compare two",
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    public static ReadingForm Parse(string? key) =>
        All.FirstOrDefault(form => string.Equals(form.Key(), key, StringComparison.OrdinalIgnoreCase), ReadingForm.Time);
}
