using Vybe.Web.History;
using Vybe.Web.Pages.Numbers;
using Vybe.Web.Readings;

namespace Vybe.Web.Tests.Numbers;

/// <summary>The statistics behind "your numbers", against figures worked out by hand.</summary>
public sealed class SightingStatisticsTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static LoggedSighting Number(string input, string seenAtUtc, int? core = 3) =>
        new(input, ReadingKind.Number, core, DateTimeOffset.Parse(seenAtUtc, System.Globalization.CultureInfo.InvariantCulture));

    private static LoggedSighting Time(string input, string seenAtUtc, ReadingKind kind = ReadingKind.Time) =>
        new(input, kind, 4, DateTimeOffset.Parse(seenAtUtc, System.Globalization.CultureInfo.InvariantCulture));

    private static LoggedSighting OnDay(DateOnly day) => new("7", ReadingKind.Number, 7, new DateTimeOffset(day, new TimeOnly(12, 0), TimeSpan.Zero));

    private static DateOnly March(int day) => new(2025, 3, day);

    [Fact]
    public void Hours_are_taken_in_the_visitors_zone_across_both_daylight_saving_changes()
    {
        // Paris, 2024: clocks went from 02:00 CET to 03:00 CEST on 31 March (01:00 UTC), and back
        // from 03:00 CEST to 02:00 CET on 27 October (01:00 UTC), so 02:30 happened twice that night.
        var sightings = new[]
        {
            Number("111", "2024-03-31T00:30:00Z"), // 01:30 CET
            Number("111", "2024-03-31T01:30:00Z"), // 03:30 CEST: there was no 02:30 that night
            Number("111", "2024-10-26T22:30:00Z"), // 00:30 CEST, already Sunday 27 October
            Number("111", "2024-10-27T00:30:00Z"), // 02:30 CEST
            Number("111", "2024-10-27T01:30:00Z"), // 02:30 CET, the second time round
        };

        var paris = SightingStatistics.Compute(sightings, Paris, new DateOnly(2024, 11, 1));
        var utc = SightingStatistics.Compute(sightings, TimeZoneInfo.Utc, new DateOnly(2024, 11, 1));

        var expectedParis = new int[24];
        expectedParis[0] = 1;
        expectedParis[1] = 1;
        expectedParis[2] = 2;
        expectedParis[3] = 1;
        Assert.Equal(expectedParis, paris.ByHour);
        var expectedUtc = new int[24];
        expectedUtc[0] = 2;
        expectedUtc[1] = 2;
        expectedUtc[22] = 1;
        Assert.Equal(expectedUtc, utc.ByHour);
        Assert.Equal(5, paris.ByHour.Sum());
        // All five were on a Sunday in Paris; in UTC the 22:30 one was still Saturday.
        Assert.Equal([0, 0, 0, 0, 0, 0, 5], paris.ByWeekday);
        Assert.Equal([0, 0, 0, 0, 0, 1, 4], utc.ByWeekday);
    }

    [Fact]
    public void Weekdays_run_Monday_first_and_a_late_evening_in_New_York_is_the_day_before_in_UTC()
    {
        var sightings = new[]
        {
            Number("5", "2025-01-06T12:00:00Z"), // Monday
            Number("5", "2025-01-07T12:00:00Z"), // Tuesday
            Number("5", "2025-01-12T12:00:00Z"), // Sunday
            Number("5", "2025-01-06T03:00:00Z"), // Monday in UTC, Sunday 22:00 in New York
        };

        Assert.Equal([2, 1, 0, 0, 0, 0, 1], SightingStatistics.Compute(sightings, TimeZoneInfo.Utc, new DateOnly(2025, 2, 1)).ByWeekday);
        Assert.Equal([1, 1, 0, 0, 0, 0, 2], SightingStatistics.Compute(sightings, NewYork, new DateOnly(2025, 2, 1)).ByWeekday);
        Assert.Equal(DayOfWeek.Monday, SightingStatistics.Weekdays[0]);
        Assert.Equal(DayOfWeek.Sunday, SightingStatistics.Weekdays[6]);
    }

    [Theory]
    [InlineData("2025-03-12", "2024-12-23", 4)] // a Wednesday: four days of its week are still to come
    [InlineData("2025-03-10", "2024-12-23", 6)] // a Monday: the rest of its week is to come
    [InlineData("2025-03-16", "2024-12-23", 0)] // a Sunday: the grid ends today
    [InlineData("2025-03-17", "2024-12-30", 6)] // the next Monday starts a new column, and the oldest week goes
    public void The_calendar_is_12_whole_weeks_Monday_to_Sunday_ending_with_the_week_of_today(string today, string start, int future)
    {
        var figures = SightingStatistics.Compute([Number("5", "2025-01-01T12:00:00Z")], TimeZoneInfo.Utc, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        var calendar = figures.Calendar;
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), calendar.Start);
        Assert.Equal(DayOfWeek.Monday, calendar.Start.DayOfWeek);
        Assert.Equal(84, calendar.Days.Count);
        Assert.Equal(calendar.Start.AddDays(83), calendar.Days[^1].Date);
        Assert.Equal(DayOfWeek.Sunday, calendar.Days[^1].Date.DayOfWeek);
        Assert.Equal(future, calendar.Days.Count(d => d.IsFuture));
        Assert.All(calendar.Days.Where(d => d.IsFuture), d => Assert.True(d.Date > calendar.Today));
        Assert.Equal(12, calendar.WeekColumns.Count());
    }

    [Fact]
    public void The_calendar_counts_the_days_inside_it_by_the_visitors_date_and_leaves_out_the_day_before()
    {
        var today = March(12);
        var sightings = new[]
        {
            Number("5", "2024-12-22T12:00:00Z"), // Sunday before the grid
            Number("5", "2024-12-22T23:30:00Z"), // 22 December in UTC, 00:30 on the 23rd in Paris: the grid's first day there
            Number("5", "2024-12-23T08:00:00Z"), // the grid's first day
            Number("5", "2025-03-12T08:00:00Z"), // today
            Number("5", "2025-03-12T09:00:00Z"), // today again
        };

        var utc = SightingStatistics.Compute(sightings, TimeZoneInfo.Utc, today).Calendar;
        var paris = SightingStatistics.Compute(sightings, Paris, today).Calendar;

        Assert.Equal(1, utc.Days[0].Count);
        Assert.Equal(2, paris.Days[0].Count);
        Assert.Equal(2, utc.Days.Single(d => d.Date == today).Count);
        Assert.Equal(3, utc.Sightings);
        Assert.Equal(2, utc.DaysWithSightings);
        Assert.Equal(4, paris.Sightings);
    }

    [Fact]
    public void The_longest_run_counts_consecutive_days_across_gaps_and_a_month_end_and_the_current_run_may_end_yesterday()
    {
        // 2025 is no leap year: 28 February and 1 March are consecutive.
        var days = new[]
        {
            new DateOnly(2025, 2, 27), new DateOnly(2025, 2, 28), March(1), // 3 days over the month's end
            March(3), // alone
            March(5), March(5), March(6), March(7), March(8), // 4 days (the 5th twice)
            March(10), March(11), // 2 days, up to yesterday
        };

        var figures = SightingStatistics.Compute(days.Select(OnDay), TimeZoneInfo.Utc, March(12));

        Assert.Equal(new DayRun(4, March(5), March(8)), figures.LongestRun);
        Assert.Equal(new DayRun(2, March(10), March(11)), figures.CurrentRun);
    }

    [Fact]
    public void Of_two_equally_long_runs_the_later_is_the_longest_and_a_run_that_ended_two_days_ago_is_not_current()
    {
        var days = new[] { March(1), March(2), March(3), March(6), March(7), March(8) };

        var figures = SightingStatistics.Compute(days.Select(OnDay), TimeZoneInfo.Utc, March(10));

        Assert.Equal(new DayRun(3, March(6), March(8)), figures.LongestRun);
        Assert.Equal(DayRun.None, figures.CurrentRun);
        Assert.Equal(new DayRun(3, March(6), March(8)), SightingStatistics.CurrentRun(days, March(9)));
        Assert.Equal(new DayRun(1, March(10), March(10)), SightingStatistics.CurrentRun([.. days, March(10)], March(10)));
        Assert.Equal(DayRun.None, SightingStatistics.LongestRun([], March(10)));
    }

    [Fact]
    public void A_day_after_today_is_not_part_of_a_run()
    {
        var days = new[] { March(9), March(10), March(11) };

        Assert.Equal(new DayRun(2, March(9), March(10)), SightingStatistics.LongestRun(days, March(10)));
        Assert.Equal(new DayRun(2, March(9), March(10)), SightingStatistics.CurrentRun(days, March(10)));
    }

    [Theory]
    [InlineData("11:11", 1, 2)] // 11:11 once on a 24-hour clock; 11:11 am and pm on a 12-hour one
    [InlineData("13:13", 1, 0)] // a 12-hour clock has no hour 13
    [InlineData("00:00", 1, 0)] // midnight on a 12-hour clock reads 12:00
    [InlineData("12:00", 1, 2)] // noon on a 24-hour clock; noon and midnight on a 12-hour one
    [InlineData("12:34", 1, 2)]
    [InlineData("23:59", 1, 0)]
    [InlineData("9:55", 1, 2)]
    [InlineData("9:55 pm", 1, 2)] // the face 9:55 that a 12-hour clock shows twice a day
    [InlineData("12:21 am", 1, 2)]
    [InlineData("0:05", 1, 0)]
    public void A_clock_shows_a_time_for_so_many_of_the_days_1440_minutes(string input, int on24HourClock, int on12HourClock)
    {
        Assert.True(TimeInput.TryParse(input, out var time, out _));

        var chance = ClockChance.For(time.Clock);

        Assert.Equal(new ClockChance(on24HourClock, on12HourClock), chance);
        Assert.Equal(on24HourClock / 1440.0, chance.ShareOn24HourClock);
        Assert.Equal(on12HourClock / 1440.0, chance.ShareOn12HourClock);
    }

    [Fact]
    public void Times_typed_or_read_from_a_photo_are_counted_by_clock_face_against_all_sightings()
    {
        var sightings = new[]
        {
            Time("11:11", "2025-03-01T11:11:00Z"),
            Time("11:11", "2025-03-02T11:11:00Z"),
            Time("11:11", "2025-03-03T23:11:00Z", ReadingKind.Image),
            Time("9:55 pm", "2025-03-03T21:55:00Z"),
            Time("09:55", "2025-03-04T09:55:00Z", ReadingKind.Image),
            Time("13:13", "2025-03-04T13:13:00Z"),
            Number("1111", "2025-03-05T10:00:00Z", core: 4),
            Number("444", "2025-03-05T10:00:00Z", core: 3),
            new LoggedSighting("11:11 | 444", ReadingKind.Compare, null, DateTimeOffset.Parse("2025-03-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
        };

        var figures = SightingStatistics.Compute(sightings, TimeZoneInfo.Utc, March(12));

        Assert.Equal(8, figures.Sightings);
        Assert.Collection(figures.Times,
            t => Assert.Equal(("11:11", 3, 8, new ClockChance(1, 2)), (t.Label, t.Count, t.OutOf, t.Chance)),
            t => Assert.Equal(("09:55", 2, 8, new ClockChance(1, 2)), (t.Label, t.Count, t.OutOf, t.Chance)),
            t => Assert.Equal(("13:13", 1, 8, new ClockChance(1, 0)), (t.Label, t.Count, t.OutOf, t.Chance)));
        Assert.Equal(0.375, figures.Times[0].Share);
    }

    [Fact]
    public void The_most_seen_numbers_and_core_numbers_are_counted_most_first_ties_going_to_the_latest_seen()
    {
        var sightings = new[]
        {
            Number("444", "2025-03-01T10:00:00Z", core: 3),
            Number("317", "2025-03-02T10:00:00Z", core: 2),
            Number("444", "2025-03-03T10:00:00Z", core: 3),
            Number("22", "2025-03-04T10:00:00Z", core: 22),
            Number("1001", "2025-03-05T10:00:00Z", core: 2),
            Number("9", "2025-03-06T10:00:00Z", core: null), // facts unreadable: counted, without a core number
        };

        var figures = SightingStatistics.Compute(sightings, TimeZoneInfo.Utc, March(12));

        Assert.Equal(["444", "9", "1001", "22", "317"], figures.Numbers.Select(n => n.Input));
        Assert.Equal(new NumberCount("444", 2, 3), figures.Numbers[0]);
        Assert.Null(figures.Numbers[1].CoreNumber);
        Assert.Equal([new CoreNumberCount(2, 2), new CoreNumberCount(3, 2), new CoreNumberCount(22, 1)], figures.CoreNumbers);
    }

    [Fact]
    public void No_sightings_give_empty_figures_and_a_calendar_of_empty_days()
    {
        var figures = SightingStatistics.Compute([], Paris, March(12));

        Assert.True(figures.IsEmpty);
        Assert.Empty(figures.Numbers);
        Assert.Empty(figures.Times);
        Assert.All(figures.ByHour, count => Assert.Equal(0, count));
        Assert.Equal(84, figures.Calendar.Days.Count);
        Assert.Equal(DayRun.None, figures.LongestRun);
    }

    [Fact]
    public void A_stored_reading_becomes_a_sighting_with_its_core_number_or_none_when_its_facts_cannot_be_read()
    {
        var facts = NumerologyEngine.Read(new ReadingSubject("444", "444", null));
        var row = new StoredReading { Kind = "number", NormalizedInput = "444", Numbers = ReadingJson.Serialize(facts), SeenAt = DateTimeOffset.UnixEpoch };

        Assert.Equal(new LoggedSighting("444", ReadingKind.Number, 3, DateTimeOffset.UnixEpoch), LoggedSighting.From(row));
        Assert.Null(LoggedSighting.From(new StoredReading { Kind = "number", NormalizedInput = "444", Numbers = "{broken" })!.CoreNumber);
        Assert.Null(LoggedSighting.From(new StoredReading { Kind = "mystery" }));
    }

    [Theory]
    [InlineData(0.25, "25\u00a0%")]
    [InlineData(0.025, "2.5\u00a0%")]
    [InlineData(1.0 / 1440, "0.07\u00a0%")]
    [InlineData(2.0 / 1440, "0.14\u00a0%")]
    [InlineData(0, "0\u00a0%")]
    public void Shares_are_written_with_the_decimals_a_small_share_needs(double share, string expected) =>
        Assert.Equal(expected, IndexModel.Percent(share));

    [Fact]
    public void The_chance_text_says_why_a_12_hour_clock_never_shows_a_time()
    {
        Assert.Equal("1 minute of 1,440 (0.07\u00a0%)", IndexModel.ChanceText(1, new ClockFace("13", "13"), twelveHourClock: false));
        Assert.Equal("2 minutes of 1,440 (0.14\u00a0%)", IndexModel.ChanceText(2, new ClockFace("11", "11"), twelveHourClock: true));
        Assert.Equal("never: it has no hour 13", IndexModel.ChanceText(0, new ClockFace("13", "13"), twelveHourClock: true));
        Assert.Equal("never: it shows 12:00 instead", IndexModel.ChanceText(0, new ClockFace("00", "00"), twelveHourClock: true));
    }

    [Fact]
    public void Bars_scale_to_the_largest_value_and_a_chart_with_nothing_says_so()
    {
        var chart = new BarChart("test", "Sightings by day", "Day",
            [new ChartBar("Monday", "Mon", 4), new ChartBar("Tuesday", "Tue", 2), new ChartBar("Wednesday", "Wed", 0)], SlotWidth: 50, ShowValues: true);

        var bars = chart.Drawn().ToList();

        Assert.Equal("0 0 150 150", chart.ViewBox);
        Assert.Equal(("7.5", "20", "35", "104"), (bars[0].X, bars[0].Y, bars[0].Width, bars[0].Height));
        Assert.Equal(("72", "52"), (bars[1].Y, bars[1].Height));
        Assert.Equal("0", bars[2].Height);
        Assert.Equal("Sightings by day: 6 in all, most (4) at Monday. The table below has every figure.", chart.Summary);
        Assert.Equal("Sightings by day: no sightings yet.",
            (chart with { Bars = [new ChartBar("Monday", "Mon", 0)] }).Summary);
    }
}
