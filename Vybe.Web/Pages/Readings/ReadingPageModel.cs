using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.History;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Readings;

/// <summary>
/// What the four reading pages share: one bound <see cref="Input"/>, the depth, and the three
/// answers a reading form gives. A new reading is the result fragment for htmx (with the form out
/// of band) or the whole page; invalid input is the form with its messages, 422, in place of itself
/// for htmx. Showing the page (GET) renders the empty form, as the home page does.
/// </summary>
[EnableRateLimiting(RateLimiting.ReadingsPolicy)]
public abstract class ReadingPageModel<TInput>(ReadingService readings, VisitorHistory visitors, TimeProvider clock) : PageModel, IReadingDesk
    where TInput : ReadingInput, new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    public abstract ReadingForm Form { get; }

    public ReadingAnswer? Answer { get; private set; }

    public ReadingForm ActiveForm => Form;

    public virtual bool HasResult => Answer is not null;

    public ReadingDepth SelectedDepth => DepthPreference.Selected(Input.Depth, Request);

    public ReadingFormView<TInput> FormView(bool swapOutOfBand = false) => new(Input, SelectedDepth, swapOutOfBand);

    public void OnGet()
    {
    }

    /// <summary>The model-state key of one of the input's fields (<c>Input.Time</c>), as the form's tag helpers name it.</summary>
    protected static string FieldOf(string property) => $"{nameof(Input)}.{property}";

    protected bool TryDepth(out ReadingDepth depth)
    {
        if (ReadingDepths.TryParse(Input.Depth, out depth, out var error))
        {
            return true;
        }
        ModelState.AddModelError(ReadingInput.DepthField, error!);
        return false;
    }

    /// <summary>
    /// A form of one typed field (a time, a number): the parsed subject is read at the posted depth, or
    /// the form comes back with the field's message (and the depth's, when that is wrong too).
    /// </summary>
    protected Task<IActionResult> ReadTypedAsync(ReadingKind kind, string property, string? typed, ReadingSubject? subject, string? error,
        CancellationToken cancellationToken)
    {
        if (subject is null)
        {
            ModelState.AddModelError(FieldOf(property), error!);
        }
        if (!TryDepth(out var depth) || subject is null)
        {
            return Task.FromResult(FormWithErrors());
        }
        return ReadAsync(new ReadingRequest(kind, typed!, subject, depth), cancellationToken);
    }

    protected async Task<IActionResult> ReadAsync(ReadingRequest request, CancellationToken cancellationToken) =>
        Answered(await readings.ReadAsync(visitors.ForSaving(HttpContext), request, cancellationToken), request.Depth);

    protected async Task<IActionResult> CompareAsync(ComparisonRequest request, CancellationToken cancellationToken) =>
        Answered(await readings.CompareAsync(visitors.ForSaving(HttpContext), request, cancellationToken), request.Depth);

    /// <summary>The form again with its messages: the whole page, or for htmx the form alone in place of itself (the last result stays).</summary>
    protected IActionResult FormWithErrors() => this.InvalidForm(Form.FormId(), Form.PartialName(), FormView());

    private IActionResult Answered(ReadingView reading, ReadingDepth depth)
    {
        DepthPreference.Remember(Response, depth, clock);
        var fragment = Request.IsHtmxNonBoosted();
        Answer = new ReadingAnswer(reading, Form, fragment ? FormView(swapOutOfBand: true) : null);
        return this.PageOrFragment("_ReadingAnswer", Answer);
    }
}
