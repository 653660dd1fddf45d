using System.Globalization;
using Vybe.Web.History;

namespace Vybe.Web.Pages.Numbers;

/// <summary>A calendar cell drawn: its day and its square's corner in viewBox units.</summary>
public sealed record CalendarCell(CalendarDay Day, int X, int Y, bool IsToday)
{
    public string CountX => (X + CalendarChart.Cell / 2).ToString(CultureInfo.InvariantCulture);

    public string CountY => (Y + 13).ToString(CultureInfo.InvariantCulture);

    public string CssClass => Day.IsFuture ? "calendar-day calendar-future"
        : Day.Count > 0 ? $"calendar-day calendar-seen{(IsToday ? " calendar-today" : "")}"
        : $"calendar-day{(IsToday ? " calendar-today" : "")}";
}

/// <summary>A label placed on the calendar (a month above its first week, a weekday left of its row).</summary>
public sealed record CalendarLabel(string Text, int X, int Y);

/// <summary>
/// The 12-week calendar drawn as SVG: one column a week (oldest on the left), one row a weekday
/// (Monday on top), a filled square with its count for a day with sightings.
/// </summary>
public sealed record CalendarChart(SightingCalendar Calendar)
{
    public const int Cell = 18;
    public const int Slot = 21;
    public const int Left = 34;
    public const int Top = 18;

    // A little room on the right for a month named above the last week.
    public static string ViewBox => $"0 0 {Left + SightingCalendar.Weeks * Slot + 10} {Top + 7 * Slot}";

    public string Summary
    {
        get
        {
            var first = Calendar.Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            var today = Calendar.Today.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            return $"Calendar of the last 12 weeks, from Monday {first} to today, {today}: sightings on {Calendar.DaysWithSightings} "
                + $"{(Calendar.DaysWithSightings == 1 ? "day" : "days")}, {Calendar.Sightings} in all. The table below has every day.";
        }
    }

    public IEnumerable<CalendarCell> Cells() => Calendar.Days.Select((day, index) =>
        new CalendarCell(day, Left + index / 7 * Slot, Top + index % 7 * Slot, day.Date == Calendar.Today));

    public static IEnumerable<CalendarLabel> WeekdayLabels() =>
        new[] { (0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun") }.Select(d => new CalendarLabel(d.Item2, Left - 5, Top + d.Item1 * Slot + 13));

    /// <summary>A month's short name above the week its first day falls in; the first week is named too when no month begins soon after it.</summary>
    public IEnumerable<CalendarLabel> MonthLabels()
    {
        var weeks = Calendar.WeekColumns.ToList();
        for (var week = 0; week < weeks.Count; week++)
        {
            var firstOfMonth = weeks[week].FirstOrDefault(d => d.Date.Day == 1);
            var opening = week == 0 && !weeks.Take(3).Any(w => w.Any(d => d.Date.Day == 1));
            if (firstOfMonth is not null || opening)
            {
                var date = firstOfMonth?.Date ?? weeks[week][0].Date;
                yield return new CalendarLabel(date.ToString("MMM", CultureInfo.InvariantCulture), Left + week * Slot, Top - 6);
            }
        }
    }
}
