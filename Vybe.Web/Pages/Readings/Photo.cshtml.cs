using Microsoft.AspNetCore.Mvc;
using Vybe.Web.History;
using Vybe.Web.Ocr;
using Vybe.Web.Ocr.Heif;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Readings;

/// <summary>
/// Reads a photo of a number: the one time or number found in it is read at once; several are
/// offered as a choice (sealed, so that only what the photo held can be chosen), and the choice is read.
/// </summary>
[UploadHandler("Upload")]
[RequestTooLarge(PhotoUpload.MaxRequestBytes, PhotoErrorId, PhotoUpload.TooLargeMessage)]
[RequestSizeLimit(PhotoUpload.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PhotoUpload.MaxRequestBytes)]
public sealed class PhotoModel(ReadingService readings, VisitorHistory visitors, PhotoReader photos, PhotoOffers offers, HeifSupport heif, TimeProvider clock)
    : ReadingPageModel<PhotoModel.InputModel>(readings, visitors, clock)
{
    public const string ChoiceRefusedMessage =
        "That choice can no longer be read: it lasts 30 minutes, and only for the photo it came from. Upload the photo again.";

    /// <summary>The id of the photo field's error text (<c>FieldErrorIdTagHelper</c>), where an htmx upload that is too large gets its message.</summary>
    private const string PhotoErrorId = "Input_Photo-error";

    private static readonly string PhotoField = FieldOf(nameof(InputModel.Photo));

    public sealed class InputModel : ReadingInput
    {
        public IFormFile? Photo { get; set; }

        /// <summary>The candidate the visitor picked from the photo's offer.</summary>
        public string? Choice { get; set; }

        /// <summary>The sealed candidates of the upload (<see cref="PhotoOffers"/>), carried through the choice form.</summary>
        public string? Offer { get; set; }
    }

    public override ReadingForm Form => ReadingForm.Photo;

    /// <summary>What a photo with several candidates offered, as the server found them.</summary>
    public PhotoOffer? Offer { get; private set; }

    /// <summary>Set when a choice came back with an offer that does not open (changed, expired, or not one of ours).</summary>
    public string? ChoiceProblem { get; private set; }

    public override bool HasResult => base.HasResult || Offer is not null;

    public PhotoChoiceView ChoiceView() => new(Offer!, Input.Choice, SelectedDepth);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        var depthValid = TryDepth(out var depth);
        var upload = await PhotoUpload.ReadAsync(Input.Photo, photos.IsAvailable, heif, cancellationToken);
        if (upload.Problem is { } problem)
        {
            ModelState.AddModelError(PhotoField, problem);
        }
        if (!depthValid || upload.Data is not { } data)
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
            ModelState.AddModelError(PhotoField, unreadable.Message);
            return FormWithErrors();
        }

        if (findings.Candidates.Count == 0)
        {
            ModelState.AddModelError(PhotoField, "No time or number could be read in that photo. Try a sharper photo taken closer, or type what you saw.");
            return FormWithErrors();
        }
        if (findings.AutomaticChoice is { } picked)
        {
            return await ReadAsync(new ReadingRequest(ReadingKind.Image, picked.Text, picked.Subject, depth), cancellationToken);
        }
        Offer = offers.Seal(findings.Candidates.Select(c => c.Text));
        return this.PageOrFragment("_PhotoChoice", ChoiceView());
    }

    public async Task<IActionResult> OnPostChoiceAsync(CancellationToken cancellationToken)
    {
        if (!offers.TryOpen(Input.Offer, out var offer))
        {
            // The choice it replaces could not be used again either: the reason goes in the result area; nothing is read or saved.
            ChoiceProblem = ChoiceRefusedMessage;
            return this.PageOrFragment("_PhotoChoiceRefused", ChoiceProblem, StatusCodes.Status400BadRequest);
        }
        Offer = offer;
        var depthValid = TryDepth(out var depth);
        if (!offer.TryChoose(Input.Choice, out var chosen))
        {
            ModelState.AddModelError(FieldOf(nameof(InputModel.Choice)), "Choose one of the numbers found in your photo.");
        }
        if (!depthValid || !ModelState.IsValid)
        {
            return this.PageOrFragment("_PhotoChoice", ChoiceView(), StatusCodes.Status422UnprocessableEntity);
        }
        Offer = null;
        return await ReadAsync(new ReadingRequest(ReadingKind.Image, Input.Choice!, chosen!, depth), cancellationToken);
    }
}
