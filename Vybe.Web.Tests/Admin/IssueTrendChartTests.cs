using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Pages.Admin.Errors;

namespace Vybe.Web.Tests.Admin;

public sealed class IssueTrendChartTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 30, 0, TimeSpan.Zero);

    private static ErrorIssueTrend Hourly(params (int HoursAgo, long Count)[] counts) => ErrorIssueTrend.Of(ErrorIssueTrendPeriod.Day, Now,
        counts.ToDictionary(c => new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero).AddHours(-c.HoursAgo), c => c.Count));

    [Fact]
    public void Sparkline_draws_every_hour_with_heights_in_proportion_to_the_peak_and_no_labels()
    {
        var chart = IssueTrendChart.Sparkline(Hourly((0, 2), (3, 8), (23, 1)));

        var bars = chart.Bars().ToList();
        Assert.Equal(24, bars.Count);
        Assert.Equal(("0 0 120 28", 27), (chart.ViewBox, chart.Baseline));
        // The plot is 26 units tall: the peak (8) fills it, 2 is a quarter of it, 1 an eighth, an empty hour has no height.
        Assert.Equal(["26", "6.5", "0"], new[] { bars[20].Height, bars[23].Height, bars[10].Height });
        Assert.Equal(("1", "3.25"), (bars[20].Y, bars[0].Height));
        Assert.Empty(chart.Labels());
        Assert.Null(chart.PeakLabel);
        Assert.Equal(24, chart.Points.Split(' ').Length);
        Assert.Equal("11 events in the last 24 hours, peak 8 at 09:00 UTC.", chart.Summary);
    }

    [Fact]
    public void Large_chart_labels_every_sixth_hour_counted_back_from_the_newest_and_names_the_peak()
    {
        var chart = IssueTrendChart.Large(Hourly((5, 3)));

        Assert.Equal("0 0 640 180", chart.ViewBox);
        Assert.Equal(["18:00", "00:00", "06:00", "12:00"], chart.Labels().Select(l => l.Text));
        Assert.Equal("peak 3", chart.PeakLabel);
        Assert.Equal("1 event", IssueTrendChart.Large(Hourly((5, 1))).Summary[..7]);
    }

    [Fact]
    public void A_quiet_period_says_so_and_a_tie_names_the_most_recent_peak()
    {
        Assert.Equal("No events in the last 24 hours.", IssueTrendChart.Sparkline(ErrorIssueTrend.Empty(ErrorIssueTrendPeriod.Day, Now)).Summary);
        Assert.Equal("4 events in the last 24 hours, peak 2 at 11:00 UTC.", IssueTrendChart.Sparkline(Hourly((1, 2), (4, 2))).Summary);

        var days = ErrorIssueTrend.Of(ErrorIssueTrendPeriod.Fortnight, Now, new Dictionary<DateTimeOffset, long>
        {
            [new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero)] = 7,
        });
        Assert.Equal("7 events in the last 14 days, peak 7 on 2 Mar UTC.", IssueTrendChart.Sparkline(days).Summary);
        Assert.Equal(["2 Mar", "4 Mar", "6 Mar", "8 Mar", "10 Mar", "12 Mar", "14 Mar"], IssueTrendChart.Large(days).Labels().Select(l => l.Text));
    }
}
