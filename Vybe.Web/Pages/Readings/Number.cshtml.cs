using Microsoft.AspNetCore.Mvc;
using Vybe.Web.History;
using Vybe.Web.Readings;

namespace Vybe.Web.Pages.Readings;

/// <summary>Reads a number as it was seen, leading zeros and all (000 is not 0).</summary>
public sealed class NumberModel(ReadingService readings, VisitorHistory visitors, TimeProvider clock)
    : ReadingPageModel<NumberModel.InputModel>(readings, visitors, clock)
{
    public sealed class InputModel : ReadingInput
    {
        public string? Number { get; set; }
    }

    public override ReadingForm Form => ReadingForm.Number;

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        ReadTypedAsync(ReadingKind.Number, nameof(InputModel.Number), Input.Number,
            NumberInput.TryParse(Input.Number, out var number, out var error) ? number.ToSubject() : null, error, cancellationToken);
}
