using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Numbers;

/// <summary>
/// "Your numbers": the statistics of the visitor's kept readings (member or guest), taken in their
/// time zone. Charts are SVG drawn here on the server, each beside a table of the same figures.
/// </summary>
[NoStore]
public sealed class IndexModel(HistoryStore history, VisitorTimeZones timeZones, TimeProvider clock, IOptions<HistoryOptions> options) : PageModel
{
    public SightingFigures Figures { get; private set; } = null!;

    public VisitorTimeZone Zone { get; private set; } = VisitorTimeZone.Utc;

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public HistoryOptions Caps => options.Value;

    public async Task OnGetAsync([FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        Zone = await timeZones.ForAsync(HttpContext, cancellationToken);
        var today = DateOnly.FromDateTime(Zone.ToLocal(clock.GetUtcNow()).DateTime);
        var rows = await history.AllAsync(visitor, cancellationToken);
        Figures = SightingStatistics.Compute(rows.Select(LoggedSighting.From).OfType<LoggedSighting>(), Zone.Zone, today);
    }

    public BarChart HourChart => new("hours", "Sightings by hour of day", "Hour",
        Figures.ByHour.Select((count, hour) => new ChartBar(HourRange(hour), hour % 3 == 0 ? Two(hour) : null, count)).ToList(),
        SlotWidth: 14, ShowValues: false);

    public BarChart WeekdayChart => new("weekdays", "Sightings by day of the week", "Day",
        Figures.ByWeekday.Select((count, index) => new ChartBar(SightingStatistics.Weekdays[index].ToString(),
            SightingStatistics.Weekdays[index].ToString()[..3], count)).ToList(),
        SlotWidth: 50, ShowValues: true);

    public CalendarChart Calendar => new(Figures.Calendar);

    /// <summary>"00:00 to 00:59": the hour a bar counts.</summary>
    public static string HourRange(int hour) => $"{Two(hour)}:00 to {Two(hour)}:59";

    /// <summary>A share as a percentage, with the decimals a small share needs to be more than zero: 25 %, 2.5 %, 0.07 %.</summary>
    public static string Percent(double share)
    {
        var percent = share * 100;
        var format = percent >= 10 || percent == 0 ? "0" : percent >= 1 ? "0.#" : "0.0#";
        return percent.ToString(format, CultureInfo.InvariantCulture) + "\u00a0%";
    }

    /// <summary>How often a clock shows the face: "1 minute of 1,440 (0.07 %)", or why it never does.</summary>
    public static string ChanceText(int minutes, ClockFace face, bool twelveHourClock)
    {
        if (minutes > 0)
        {
            var share = (double)minutes / ClockChance.MinutesPerDay;
            return string.Create(CultureInfo.InvariantCulture,
                $"{minutes} {(minutes == 1 ? "minute" : "minutes")} of {ClockChance.MinutesPerDay:N0} ({Percent(share)})");
        }
        if (!twelveHourClock)
        {
            return "never";
        }
        return face.Hour == "00"
            ? $"never: it shows 12:{face.Minute} instead"
            : $"never: it has no hour {int.Parse(face.Hour, CultureInfo.InvariantCulture)}";
    }

    public static string Day(DateOnly date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    public static string LongDay(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Days(int count) => count == 1 ? "1 day" : $"{count} days";

    private static string Two(int value) => value.ToString("00", CultureInfo.InvariantCulture);
}
