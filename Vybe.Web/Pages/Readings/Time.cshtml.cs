using Microsoft.AspNetCore.Mvc;
using Vybe.Web.History;
using Vybe.Web.Readings;

namespace Vybe.Web.Pages.Readings;

/// <summary>Reads a time typed as it was seen (21:12, 9:55 pm).</summary>
public sealed class TimeModel(ReadingService readings, VisitorHistory visitors, TimeProvider clock)
    : ReadingPageModel<TimeModel.InputModel>(readings, visitors, clock)
{
    public sealed class InputModel : ReadingInput
    {
        public string? Time { get; set; }
    }

    public override ReadingForm Form => ReadingForm.Time;

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var parsed = TimeInput.TryParse(Input.Time, out var time, out var error);
        if (!parsed)
        {
            ModelState.AddModelError(FieldOf(nameof(InputModel.Time)), error!);
        }
        if (!TryDepth(out var depth) || !parsed)
        {
            return Task.FromResult(FormWithErrors());
        }
        return ReadAsync(new ReadingRequest(ReadingKind.Time, Input.Time!, time.ToSubject(), depth), cancellationToken);
    }
}
