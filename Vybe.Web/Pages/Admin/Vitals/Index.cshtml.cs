using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Web;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Pages.Admin.Vitals;

[NoStore]
public sealed class IndexModel(WebVitalsQueries queries) : PageModel
{
    public WebVitalsSummary Summary { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Summary = await queries.SummaryAsync(cancellationToken);

    /// <summary>"80%", "33.3%": a share for people.</summary>
    public static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#}%");

    /// <summary>A length on the chart's 0–100 scale, for an SVG attribute.</summary>
    public static string Scale(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The chart's text alternative.</summary>
    public static string Describe(WebVitalsRow row) =>
        $"{Percent(row.GoodShare)} good, {Percent(row.NeedsImprovementShare)} needs improvement, {Percent(row.PoorShare)} poor";
}
