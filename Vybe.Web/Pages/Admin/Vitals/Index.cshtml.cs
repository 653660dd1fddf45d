using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Web;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Pages.Admin.Vitals;

[NoStore]
public sealed class IndexModel(WebVitalsQueries queries) : PageModel
{
    /// <summary>The period's key from the address; none means the last 24 hours.</summary>
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodKey { get; set; }

    public WebVitalsPeriod Period { get; private set; } = WebVitalsPeriod.LastDay;

    public WebVitalsWindow Window { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (PeriodKey is not null)
        {
            if (WebVitalsPeriod.Find(PeriodKey) is not { } period)
            {
                return BadRequest();
            }
            Period = period;
        }
        Window = await queries.WindowAsync(Period, cancellationToken);
        return Page();
    }

    /// <summary>"80%", "33.3%": a share for people.</summary>
    public static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#}%");

    /// <summary>A length on the chart's 0–100 scale, for an SVG attribute.</summary>
    public static string Scale(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture);

}
