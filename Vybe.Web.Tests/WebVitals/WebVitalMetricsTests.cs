using Vybe.Web.ErrorLog;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Tests.WebVitals;

public sealed class WebVitalMetricsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]   // ⌈1.5⌉
    [InlineData(3, 3)]   // ⌈2.25⌉
    [InlineData(4, 3)]
    [InlineData(5, 4)]   // ⌈3.75⌉
    [InlineData(8, 6)]
    [InlineData(100, 75)]
    [InlineData(101, 76)] // ⌈75.75⌉
    [InlineData(2_000_000_000, 1_500_000_000)]
    public void Nearest_rank_of_the_75th_percentile_is_the_ceiling_of_three_quarters_of_the_count(int count, int rank)
    {
        Assert.Equal(rank, Percentiles.NearestRank(count, 75));
    }

    [Fact]
    public void Nearest_rank_covers_the_ends()
    {
        Assert.Equal(1, Percentiles.NearestRank(10, 1));
        Assert.Equal(10, Percentiles.NearestRank(10, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(0, 75));
    }

    [Theory]
    [InlineData("LCP", 2500, "good")]
    [InlineData("LCP", 2500.1, "needs-improvement")]
    [InlineData("LCP", 4000, "needs-improvement")]
    [InlineData("LCP", 4000.1, "poor")]
    [InlineData("INP", 200, "good")]
    [InlineData("INP", 501, "poor")]
    [InlineData("CLS", 0.1, "good")]
    [InlineData("CLS", 0.25, "needs-improvement")]
    [InlineData("CLS", 0.26, "poor")]
    [InlineData("FCP", 1800, "good")]
    [InlineData("FCP", 3001, "poor")]
    [InlineData("TTFB", 800, "good")]
    [InlineData("TTFB", 1000, "needs-improvement")]
    [InlineData("TTFB", 1801, "poor")]
    public void Values_are_rated_against_the_web_dev_thresholds_as_the_library_does(string metric, double value, string rating)
    {
        Assert.Equal(rating, WebVitalMetrics.Find(metric)!.RatingOf(value));
    }

    [Fact]
    public void Retention_follows_the_error_log_unless_set()
    {
        var errorLog = new ErrorLogOptions { RetentionDays = 45 };

        Assert.Equal(45, new WebVitalsOptions().EffectiveRetentionDays(errorLog));
        Assert.Equal(7, new WebVitalsOptions { RetentionDays = 7 }.EffectiveRetentionDays(errorLog));
    }
}
