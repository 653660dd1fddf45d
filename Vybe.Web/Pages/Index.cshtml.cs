using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.History;
using Vybe.Web.Ocr;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.Pages;

/// <summary>
/// The home page: the reading forms (time, number, compare, photo) and the reading they produce. htmx requests get the result fragment (or the form with its
/// errors); plain posts get the whole page with the result.
/// </summary>
[EnableRateLimiting(RateLimiting.ReadingsPolicy)]
[UploadHandler("Photo")]
[RequestTooLarge(MaxRequestBytes, "Photo-error", PhotoTooLargeMessage)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class IndexModel(ReadingService readings, VisitorHistory visitors, PhotoReader photos, PhotoOffers offers, TimeProvider clock) : PageModel
{
    public const string DepthCookieName = "vybe.depth";

    /// <summary>A 5 MB photo plus the form around it; anything larger is refused before it is read.</summary>
    public const int MaxRequestBytes = ImageUploadRules.MaxBytes + (256 * 1024);

    public const string PhotoTooLargeMessage = "That photo is too large: the limit is 5 MB. Resize it or take a screenshot of it, and upload that.";

    public const string ChoiceRefusedMessage =
        "That choice can no longer be read: it lasts 30 minutes, and only for the photo it came from. Upload the photo again.";

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

    [BindProperty]
    public IFormFile? Photo { get; set; }

    /// <summary>The candidate the visitor picked from a photo.</summary>
    [BindProperty]
    public string? Choice { get; set; }

    /// <summary>The sealed candidates of the upload (<see cref="PhotoOffers"/>), carried through the choice form.</summary>
    [BindProperty(Name = "Offer")]
    public string? OfferToken { get; set; }

    /// <summary>What a photo with several candidates offered, as the server found them.</summary>
    public PhotoOffer? Offer { get; private set; }

    public IReadOnlyList<string> Candidates => Offer?.Candidates ?? [];

    /// <summary>Set when a choice came back with an offer that does not open (changed, expired, or not one of ours).</summary>
    public string? ChoiceProblem { get; private set; }

    public bool PhotosAvailable => photos.IsAvailable;

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

    public Task<IActionResult> OnPostTimeAsync(CancellationToken cancellationToken) =>
        ReadTypedAsync(ReadingForm.Time, ReadingKind.Time, nameof(Time), Time,
            TimeInput.TryParse(Time, out var time, out var error) ? time.ToSubject() : null, error, cancellationToken);

    public Task<IActionResult> OnPostNumberAsync(CancellationToken cancellationToken) =>
        ReadTypedAsync(ReadingForm.Number, ReadingKind.Number, nameof(Number), Number,
            NumberInput.TryParse(Number, out var number, out var error) ? number.ToSubject() : null, error, cancellationToken);

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

    public async Task<IActionResult> OnPostPhotoAsync(CancellationToken cancellationToken)
    {
        FormName = ReadingForm.Photo.Key();
        var depthValid = TryDepth(out var depth);
        var data = await ReadUploadAsync(cancellationToken);
        if (!depthValid || data is null)
        {
            return FormWithErrors();
        }

        PhotoFindings findings;
        try
        {
            findings = await photos.ReadAsync(data, cancellationToken);
        }
        catch (InvalidImageException unreadable)
        {
            ModelState.AddModelError(nameof(Photo), unreadable.Message);
            return FormWithErrors();
        }

        switch (findings.Candidates.Count)
        {
            case 0:
                ModelState.AddModelError(nameof(Photo),
                    "No time or number could be read in that photo. Try a sharper photo taken closer, or type what you saw.");
                return FormWithErrors();
            case 1:
                var only = findings.Candidates[0];
                return await ReadPhotoCandidateAsync(only.Text, only.Subject, depth, cancellationToken);
            default:
                Offer = offers.Seal(findings.Candidates.Select(c => c.Text));
                return Request.IsHtmxNonBoosted() ? Partial("_PhotoChoice", this) : Page();
        }
    }

    public async Task<IActionResult> OnPostPhotoChoiceAsync(CancellationToken cancellationToken)
    {
        FormName = ReadingForm.Photo.Key();
        if (!offers.TryOpen(OfferToken, out var offer))
        {
            return ChoiceRefused();
        }
        Offer = offer;
        var depthValid = TryDepth(out var depth);
        if (!offer.TryChoose(Choice, out var chosen))
        {
            ModelState.AddModelError(nameof(Choice), "Choose one of the numbers found in your photo.");
        }
        if (!depthValid || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Request.IsHtmxNonBoosted() ? Partial("_PhotoChoice", this) : Page();
        }
        return await ReadPhotoCandidateAsync(Choice!, chosen!, depth, cancellationToken);
    }

    /// <summary>400 with the reason in the result area (the choice it replaces could not be used again either); nothing is read or saved.</summary>
    private IActionResult ChoiceRefused()
    {
        ChoiceProblem = ChoiceRefusedMessage;
        if (Request.IsHtmxNonBoosted())
        {
            var fragment = Partial("_PhotoChoiceRefused", this);
            fragment.StatusCode = StatusCodes.Status400BadRequest;
            return fragment;
        }
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ReadPhotoCandidateAsync(string text, ReadingSubject subject, ReadingDepth depth, CancellationToken cancellationToken)
    {
        Offer = null;
        Result = await readings.ReadAsync(visitors.ForSaving(HttpContext), new ReadingRequest(ReadingKind.Image, text, subject, depth), cancellationToken);
        return Answer(depth);
    }

    /// <summary>The uploaded bytes, or null with the field's message: no photo, too big, or not a picture Vybe reads.</summary>
    private async Task<byte[]?> ReadUploadAsync(CancellationToken cancellationToken)
    {
        if (!photos.IsAvailable)
        {
            ModelState.AddModelError(nameof(Photo), OcrServiceCollectionExtensions.InstallHint);
            return null;
        }
        if (Photo is null)
        {
            ModelState.AddModelError(nameof(Photo), "Choose a photo to upload: a PNG, JPEG or WebP picture of the number you saw.");
            return null;
        }
        if (Photo.Length > ImageUploadRules.MaxBytes)
        {
            ModelState.AddModelError(nameof(Photo), $"That file is {Photo.Length / (1024.0 * 1024.0):0.0} MB; the limit is 5 MB.");
            return null;
        }

        var data = new byte[Photo.Length];
        await using (var stream = Photo.OpenReadStream())
        {
            await stream.ReadExactlyAsync(data, cancellationToken);
        }
        if (!PhotoReader.TryAccept(data, out _, out var error))
        {
            ModelState.AddModelError(nameof(Photo), error);
            return null;
        }
        return data;
    }

    /// <summary>A time or a number typed into its form: the parsed subject, or the field's message.</summary>
    private async Task<IActionResult> ReadTypedAsync(ReadingForm form, ReadingKind kind, string field, string? typed,
        ReadingSubject? subject, string? error, CancellationToken cancellationToken)
    {
        FormName = form.Key();
        var depthValid = TryDepth(out var depth);
        if (subject is null)
        {
            ModelState.AddModelError(field, error!);
        }
        if (!depthValid || subject is null)
        {
            return FormWithErrors();
        }

        Result = await readings.ReadAsync(visitors.ForSaving(HttpContext), new ReadingRequest(kind, typed!, subject, depth), cancellationToken);
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
    Photo,
}

public static class ReadingForms
{
    public static readonly IReadOnlyList<ReadingForm> All = [ReadingForm.Time, ReadingForm.Number, ReadingForm.Compare, ReadingForm.Photo];

    public static string Key(this ReadingForm form) => form.ToString().ToLowerInvariant();

    public static string FormId(this ReadingForm form) => $"{form.Key()}-form";

    public static string Label(this ReadingForm form) => form switch
    {
        ReadingForm.Time => "A time",
        ReadingForm.Number => "A number",
        ReadingForm.Compare => "Compare two",
        ReadingForm.Photo => "A photo",
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    public static ReadingForm Parse(string? key) =>
        All.FirstOrDefault(form => string.Equals(form.Key(), key, StringComparison.OrdinalIgnoreCase), ReadingForm.Time);
}
