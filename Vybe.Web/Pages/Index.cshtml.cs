using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Pages.Readings;

namespace Vybe.Web.Pages;

/// <summary>
/// The home page: the reading desk with the form the tabs chose (<c>?form=number</c>), empty. Each
/// form posts to its own page under <c>/Readings/</c>, which answers with the reading.
/// </summary>
public sealed class IndexModel : PageModel, IReadingDesk
{
    [BindProperty(SupportsGet = true, Name = "form")]
    public string? FormName { get; set; }

    public ReadingForm ActiveForm => ReadingForms.Parse(FormName);

    public bool HasResult => false;

    /// <summary>The active form, empty, at the visitor's last depth.</summary>
    public object EmptyForm()
    {
        var depth = DepthPreference.Selected(posted: null, Request);
        return ActiveForm switch
        {
            ReadingForm.Time => new ReadingFormView<TimeModel.InputModel>(new(), depth, SwapOutOfBand: false),
            ReadingForm.Number => new ReadingFormView<NumberModel.InputModel>(new(), depth, SwapOutOfBand: false),
            ReadingForm.Compare => new ReadingFormView<CompareModel.InputModel>(new(), depth, SwapOutOfBand: false),
            ReadingForm.Photo => new ReadingFormView<PhotoModel.InputModel>(new(), depth, SwapOutOfBand: false),
            _ => throw new ArgumentOutOfRangeException(nameof(FormName)),
        };
    }

    public void OnGet()
    {
    }
}
