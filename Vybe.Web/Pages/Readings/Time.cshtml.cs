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

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        ReadTypedAsync(ReadingKind.Time, nameof(InputModel.Time), Input.Time,
            TimeInput.TryParse(Input.Time, out var time, out var error) ? time.ToSubject() : null, error, cancellationToken);
}
