using System.Globalization;
using Vybe.Web.Readings;

namespace Vybe.Web.History;

/// <summary>
/// One kept reading as the statistics see it: what was read (the normalised input), its kind, its
/// core number (null when the stored facts cannot be read) and when the number was seen.
/// </summary>
public sealed record LoggedSighting(string Input, ReadingKind Kind, int? CoreNumber, DateTimeOffset SeenAt)
{
    /// <summary>
    /// The stored reading as a sighting; null when its kind is unknown. Facts that cannot be read
    /// leave the core number unknown (the history page reports the row as corrupt), while the input
    /// and the time seen, plain columns, still count.
    /// </summary>
    public static LoggedSighting? From(StoredReading row)
    {
        if (!ReadingKinds.TryParse(row.Kind, out var kind))
        {
            return null;
        }
        int? core = kind == ReadingKind.Compare ? null : ReadingJson.TryDeserialize<NumerologyFacts>(row.Numbers)?.CoreNumber;
        return new LoggedSighting(row.NormalizedInput, kind, core is { } c && NumerologyEngine.IsCoreNumber(c) ? c : null, row.SeenAt);
    }
}

/// <summary>How often one input was logged, with its core number (null when unknown).</summary>
public sealed record NumberCount(string Input, int Count, int? CoreNumber);

/// <summary>How many sightings reduced to one core number.</summary>
public sealed record CoreNumberCount(int CoreNumber, int Count);

/// <summary>One day of the calendar, in the visitor's zone; a day after today is in the grid but still to come.</summary>
public sealed record CalendarDay(DateOnly Date, int Count, bool IsFuture);

/// <summary>
/// The last 12 weeks, Monday first (ISO 8601): 12 columns of 7 days, the last one the week of today,
/// so the grid runs from the Monday 11 weeks before this week's to this week's Sunday.
/// </summary>
public sealed record SightingCalendar(DateOnly Start, DateOnly Today, IReadOnlyList<CalendarDay> Days)
{
    public const int Weeks = 12;

    /// <summary>The grid's weeks, oldest first, each Monday to Sunday.</summary>
    public IEnumerable<IReadOnlyList<CalendarDay>> WeekColumns => Days.Chunk(7);

    public int Sightings => Days.Sum(d => d.Count);

    public int DaysWithSightings => Days.Count(d => d.Count > 0);
}

/// <summary>A run of consecutive days with at least one sighting each (none: zero days, no dates).</summary>
public sealed record DayRun(int Days, DateOnly? First, DateOnly? Last)
{
    public static DayRun None { get; } = new(0, null, null);
}

/// <summary>
/// How many of the day's 1,440 minutes show a clock face: once a day on a 24-hour clock (hours 0 to
/// 23), twice on a 12-hour clock (hours 1 to 12, morning and evening), never when the clock has no
/// such hour (13:13 on a 12-hour clock, 00:00 on either kind that starts at 12).
/// </summary>
public sealed record ClockChance(int MinutesOn24HourClock, int MinutesOn12HourClock)
{
    public const int MinutesPerDay = 24 * 60;

    /// <summary>The chance for the face a clock shows: its hour as shown (0 to 23 or 1 to 12) and its minute.</summary>
    public static ClockChance For(int shownHour, int minute)
    {
        if (minute is < 0 or > 59)
        {
            return new ClockChance(0, 0);
        }
        var on24 = shownHour is >= 0 and <= 23 ? 1 : 0;
        var on12 = shownHour is >= 1 and <= 12 ? 2 : 0;
        return new ClockChance(on24, on12);
    }

    public static ClockChance For(ClockFace face) => For(
        int.Parse(face.Hour, NumberStyles.None, CultureInfo.InvariantCulture),
        int.Parse(face.Minute, NumberStyles.None, CultureInfo.InvariantCulture));

    public double ShareOn24HourClock => (double)MinutesOn24HourClock / MinutesPerDay;

    public double ShareOn12HourClock => (double)MinutesOn12HourClock / MinutesPerDay;
}

/// <summary>
/// A clock face the person logged (a typed time, or a time read from a photo), how many of their
/// sightings it was, and how often a clock shows it by chance. 9:55 pm and 09:55 are one face: a
/// clock shows the same digits.
/// </summary>
public sealed record TimeChance(ClockFace Face, int Count, int OutOf, ClockChance Chance)
{
    public string Label => $"{Face.Hour}:{Face.Minute}";

    /// <summary>The share of the person's sightings that were this face.</summary>
    public double Share => OutOf == 0 ? 0 : (double)Count / OutOf;
}

/// <summary>Everything "your numbers" shows, worked out from the kept readings.</summary>
public sealed record SightingFigures(
    int Sightings,
    IReadOnlyList<NumberCount> Numbers,
    IReadOnlyList<CoreNumberCount> CoreNumbers,
    IReadOnlyList<int> ByHour,
    IReadOnlyList<int> ByWeekday,
    SightingCalendar Calendar,
    DayRun LongestRun,
    DayRun CurrentRun,
    IReadOnlyList<TimeChance> Times)
{
    public bool IsEmpty => Sightings == 0;
}

/// <summary>
/// The statistics of a person's sightings (pure: the zone and today come in, nothing is read).
/// Every kept reading of a time or a number, typed or from a photo, is a sighting; a comparison
/// reads two inputs side by side and is not one. Hours, weekdays and days are taken from when the
/// number was seen, in the visitor's zone.
/// </summary>
public static class SightingStatistics
{
    /// <summary>How many inputs and times the page lists at most.</summary>
    public const int TopCount = 10;

    /// <summary>Weekdays in the order the charts show them (ISO 8601: Monday first).</summary>
    public static IReadOnlyList<DayOfWeek> Weekdays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static SightingFigures Compute(IEnumerable<LoggedSighting> logged, TimeZoneInfo zone, DateOnly today)
    {
        var sightings = logged
            .Where(s => s.Kind != ReadingKind.Compare)
            .Select(s => (Sighting: s, Local: TimeZoneInfo.ConvertTime(s.SeenAt, zone)))
            .ToList();

        var byHour = new int[24];
        var byWeekday = new int[7];
        foreach (var (_, local) in sightings)
        {
            byHour[local.Hour]++;
            byWeekday[WeekdayIndex(local.DayOfWeek)]++;
        }
        var perDay = sightings
            .GroupBy(s => DateOnly.FromDateTime(s.Local.DateTime))
            .ToDictionary(g => g.Key, g => g.Count());

        return new SightingFigures(
            sightings.Count,
            MostSeen(sightings.Select(s => s.Sighting)),
            CoreNumbers(sightings.Select(s => s.Sighting)),
            byHour,
            byWeekday,
            Calendar(perDay, today),
            LongestRun(perDay.Keys, today),
            CurrentRun(perDay.Keys, today),
            Times(sightings.Select(s => s.Sighting).ToList()));
    }

    /// <summary>Monday 0 to Sunday 6.</summary>
    public static int WeekdayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    /// <summary>The calendar's first day: the Monday eleven weeks before the Monday of today's week.</summary>
    public static DateOnly CalendarStart(DateOnly today) => today.AddDays(-WeekdayIndex(today.DayOfWeek) - 7 * (SightingCalendar.Weeks - 1));

    /// <summary>
    /// The longest run of consecutive days with a sighting, up to today (a later day, which a
    /// sighting cannot really have, is left out); of two equally long runs, the later.
    /// </summary>
    public static DayRun LongestRun(IEnumerable<DateOnly> days, DateOnly today)
    {
        var best = DayRun.None;
        foreach (var run in Runs(days, today))
        {
            if (run.Days >= best.Days)
            {
                best = run;
            }
        }
        return best;
    }

    /// <summary>
    /// The run still going: the one ending today, or yesterday when nothing has been logged today
    /// yet (the day is not over, so the run is not broken); otherwise none.
    /// </summary>
    public static DayRun CurrentRun(IEnumerable<DateOnly> days, DateOnly today)
    {
        var last = Runs(days, today).LastOrDefault();
        return last is not null && last.Last >= today.AddDays(-1) ? last : DayRun.None;
    }

    private static IEnumerable<DayRun> Runs(IEnumerable<DateOnly> days, DateOnly today)
    {
        DateOnly? first = null;
        DateOnly? previous = null;
        var length = 0;
        foreach (var day in days.Where(d => d <= today).Distinct().Order())
        {
            if (previous is { } p && day == p.AddDays(1))
            {
                length++;
            }
            else
            {
                if (first is not null)
                {
                    yield return new DayRun(length, first, previous);
                }
                first = day;
                length = 1;
            }
            previous = day;
        }
        if (first is not null)
        {
            yield return new DayRun(length, first, previous);
        }
    }

    private static SightingCalendar Calendar(Dictionary<DateOnly, int> perDay, DateOnly today)
    {
        var start = CalendarStart(today);
        var days = Enumerable.Range(0, 7 * SightingCalendar.Weeks)
            .Select(offset => start.AddDays(offset))
            .Select(date => new CalendarDay(date, perDay.GetValueOrDefault(date), date > today))
            .ToList();
        return new SightingCalendar(start, today, days);
    }

    // Most seen first; a tie goes to the one seen last, then to the input's own order, so the list never shuffles.
    private static List<NumberCount> MostSeen(IEnumerable<LoggedSighting> sightings) => sightings
        .GroupBy(s => s.Input, StringComparer.Ordinal)
        .Select(g => (Count: new NumberCount(g.Key, g.Count(), g.Select(s => s.CoreNumber).FirstOrDefault(c => c is not null)),
            LastSeen: g.Max(s => s.SeenAt)))
        .OrderByDescending(x => x.Count.Count)
        .ThenByDescending(x => x.LastSeen)
        .ThenBy(x => x.Count.Input, StringComparer.Ordinal)
        .Take(TopCount)
        .Select(x => x.Count)
        .ToList();

    private static List<CoreNumberCount> CoreNumbers(IEnumerable<LoggedSighting> sightings) => sightings
        .Where(s => s.CoreNumber is not null)
        .GroupBy(s => s.CoreNumber!.Value)
        .Select(g => new CoreNumberCount(g.Key, g.Count()))
        .OrderByDescending(c => c.Count)
        .ThenBy(c => c.CoreNumber)
        .ToList();

    private static List<TimeChance> Times(List<LoggedSighting> sightings) => sightings
        .Select(s => ClockFaceOf(s))
        .OfType<ClockFace>()
        // What the face shows: 9:55 pm and 09:55 are one time here, whatever hour of the day each was.
        .Select(face => face with { HourOfDay = null })
        .GroupBy(face => face)
        .Select(g => new TimeChance(g.Key, g.Count(), sightings.Count, ClockChance.For(g.Key)))
        .OrderByDescending(t => t.Count)
        .ThenBy(t => t.Label, StringComparer.Ordinal)
        .Take(TopCount)
        .ToList();

    /// <summary>The clock face of a time reading, typed or from a photo; null for a number.</summary>
    public static ClockFace? ClockFaceOf(LoggedSighting sighting) =>
        sighting.Kind is ReadingKind.Time or ReadingKind.Image && TimeInput.TryParse(sighting.Input, out var time, out _) ? time.Clock : null;
}
