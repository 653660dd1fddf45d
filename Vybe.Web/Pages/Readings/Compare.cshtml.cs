using Microsoft.AspNetCore.Mvc;
using Vybe.Web.History;
using Vybe.Web.Readings;

namespace Vybe.Web.Pages.Readings;

/// <summary>Compares two times or numbers: each one's core number, and how the two relate.</summary>
public sealed class CompareModel(ReadingService readings, VisitorHistory visitors, TimeProvider clock)
    : ReadingPageModel<CompareModel.InputModel>(readings, visitors, clock)
{
    public sealed class InputModel : ReadingInput
    {
        public string? First { get; set; }

        public string? Second { get; set; }
    }

    public override ReadingForm Form => ReadingForm.Compare;

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var depthValid = TryDepth(out var depth);
        if (!TimeOrNumber.TryParse(Input.First, out var first, out var firstError))
        {
            ModelState.AddModelError(FieldOf(nameof(InputModel.First)), firstError!);
        }
        if (!TimeOrNumber.TryParse(Input.Second, out var second, out var secondError))
        {
            ModelState.AddModelError(FieldOf(nameof(InputModel.Second)), secondError!);
        }
        if (!depthValid || !ModelState.IsValid)
        {
            return Task.FromResult(FormWithErrors());
        }
        return CompareAsync(new ComparisonRequest(Input.First!, first, Input.Second!, second, depth), cancellationToken);
    }
}
