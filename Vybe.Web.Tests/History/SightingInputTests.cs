using Vybe.Web.History;
using Vybe.Web.Web;

namespace Vybe.Web.Tests.History;

/// <summary>The journal's parsing and time-zone rules, without HTTP: the form's time, the filters' days, the shown text.</summary>
public sealed class SightingInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly StoredReading Reading = new() { CreatedAt = Now.AddHours(-2), SeenAt = Now.AddHours(-2) };

    private static VisitorTimeZone Zone(string id, TimeZoneSource source = TimeZoneSource.Browser) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(id), source);

    [Fact]
    public void The_time_is_read_in_the_zone_the_form_was_written_in_and_stored_in_utc()
    {
        var input = new SightingInput { SeenAt = "2026-07-01T09:30", TimeZone = "Europe/Paris" };

        Assert.True(input.TryParse(Reading, VisitorTimeZone.Utc, Now, out var entry, out _));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 7, 30, 0, TimeSpan.Zero), entry.SeenAt);
    }

    [Fact]
    public void Without_a_known_zone_the_visitors_zone_is_used_and_an_empty_time_means_when_the_reading_was_made()
    {
        Assert.True(new SightingInput { SeenAt = "2026-07-01T07:30", TimeZone = "Mars/Olympus" }
            .TryParse(Reading, Zone("America/New_York"), Now, out var entry, out _));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 11, 30, 0, TimeSpan.Zero), entry.SeenAt);

        Assert.True(new SightingInput { SeenAt = " " }.TryParse(Reading, VisitorTimeZone.Utc, Now, out var empty, out _));
        Assert.Equal(Reading.CreatedAt, empty.SeenAt);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public void A_time_up_to_five_minutes_ahead_is_clock_skew_and_beyond_is_the_future(int minutesAhead, bool accepted)
    {
        var ahead = Now.AddMinutes(minutesAhead).UtcDateTime.ToString(SightingInput.LocalFormat, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(accepted, new SightingInput { SeenAt = ahead, TimeZone = "UTC" }.TryParse(Reading, VisitorTimeZone.Utc, Now, out _, out var errors));
        Assert.Equal(accepted, !errors.ContainsKey(nameof(SightingInput.SeenAt)));
    }

    [Fact]
    public void A_time_the_clocks_skip_is_refused_with_a_message_that_says_so()
    {
        // Europe/Paris skipped 02:00-03:00 on 29 March 2026.
        var input = new SightingInput { SeenAt = "2026-03-29T02:30", TimeZone = "Europe/Paris" };

        Assert.False(input.TryParse(Reading, VisitorTimeZone.Utc, Now, out _, out var errors));
        Assert.Contains("clocks skipped it", errors[nameof(SightingInput.SeenAt)]);
    }

    [Fact]
    public void A_note_is_trimmed_its_line_breaks_made_one_kind_and_counted_after()
    {
        var note = new string('a', 499) + "\r\n" + "b";
        Assert.False(new SightingInput { Note = note }.TryParse(Reading, VisitorTimeZone.Utc, Now, out _, out _));
        Assert.True(new SightingInput { Note = "  two\r\nlines " }.TryParse(Reading, VisitorTimeZone.Utc, Now, out var entry, out _));
        Assert.Equal("two\nlines", entry.Note);
        Assert.True(new SightingInput { Note = "   " }.TryParse(Reading, VisitorTimeZone.Utc, Now, out var blank, out _));
        Assert.Null(blank.Note);
    }

    [Theory]
    [InlineData("9:55 PM", "9:55 pm")]
    [InlineData("09.55", "09:55")]
    [InlineData(" 12 34 ", "1234")]
    [InlineData("000", "000")]
    public void The_number_filter_is_normalised_as_the_reading_forms_normalise(string typed, string normalised)
    {
        Assert.True(new HistoryFilterInput { Number = typed }.TryParse(VisitorTimeZone.Utc, out var filter, out _));
        Assert.Equal(normalised, filter.Number);
    }

    [Fact]
    public void The_date_filters_are_the_visitors_days_turned_into_utc_instants()
    {
        Assert.True(new HistoryFilterInput { From = "2026-07-01", To = "2026-07-01" }.TryParse(Zone("Asia/Tokyo"), out var filter, out _));

        Assert.Equal(new DateTimeOffset(2026, 6, 30, 15, 0, 0, TimeSpan.Zero), filter.SeenFrom);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero), filter.SeenUntil);
    }

    [Fact]
    public void The_shown_time_is_in_the_zone_and_labelled_utc_only_when_no_zone_is_known()
    {
        var instant = new DateTimeOffset(2026, 12, 1, 22, 59, 13, TimeSpan.Zero);

        Assert.Equal("1 Dec 2026, 22:59 UTC", LocalTimeTagHelper.Text(instant, VisitorTimeZone.Utc));
        Assert.Equal("1 Dec 2026, 23:59", LocalTimeTagHelper.Text(instant, Zone("Europe/Paris")));
        Assert.Equal("2 Dec 2026, 07:59", LocalTimeTagHelper.Text(instant, Zone("Asia/Tokyo", TimeZoneSource.Account)));
        Assert.Equal("2 Dec 2026", LocalTimeTagHelper.Text(instant, Zone("Asia/Tokyo"), LocalTimeTagHelper.DateFormat));
    }
}
