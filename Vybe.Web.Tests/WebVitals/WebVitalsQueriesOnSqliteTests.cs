using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Tests.WebVitals;

/// <summary>The plain local run uses SQLite (times as integers, no percentile functions): the summary must agree there.</summary>
public sealed class WebVitalsQueriesOnSqliteTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private SqliteVybeDbContext db = null!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        db = new SqliteVybeDbContext(new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static string[] Describe(WebVitalsRow row) =>
    [
        row.Page, row.Metric.Name, row.Metric.Format(row.P75) + " " + WebVitalRatings.Label(row.P75Rating),
        $"{row.Good}/{row.NeedsImprovement}/{row.Poor}", row.Count.ToString(),
    ];

    [Fact]
    public async Task Summary_gives_the_same_percentiles_and_shares_on_sqlite()
    {
        db.WebVitals.AddRange(WebVitalsSeed.Samples(Now));
        await db.SaveChangesAsync();

        var queries = new WebVitalsQueries(db, new FakeTimeProvider(Now));
        var lastDay = await queries.WindowAsync(WebVitalsPeriod.LastDay);
        var lastWeek = await queries.WindowAsync(WebVitalsPeriod.LastWeek);

        Assert.Equal(("Last 24 hours", Now - TimeSpan.FromHours(24), Now), (lastDay.Name, lastDay.Start, lastDay.End));
        Assert.Equal(("Last 7 days", Now - TimeSpan.FromDays(7), Now), (lastWeek.Name, lastWeek.Start, lastWeek.End));
        Assert.Equal(
        [
            ["/", "INP", "120 ms good", "3/0/0", "3"],
            ["/", "CLS", "0.15 needs improvement", "3/1/1", "5"],
            ["/r/{id}", "LCP", "3.00 s needs improvement", "2/1/1", "4"],
        ], lastDay.Rows.Select(Describe));
        Assert.Equal(
        [
            ["/", "INP", "120 ms good", "3/0/0", "3"],
            ["/", "CLS", "0.15 needs improvement", "3/1/1", "5"],
            ["/r/{id}", "LCP", "4.50 s poor", "6/1/3", "10"],
        ], lastWeek.Rows.Select(Describe));
    }

    [Fact]
    public async Task Summary_of_an_empty_table_has_no_rows()
    {
        var queries = new WebVitalsQueries(db, new FakeTimeProvider(Now));

        foreach (var period in WebVitalsPeriod.All)
        {
            Assert.Empty((await queries.WindowAsync(period)).Rows);
        }
    }
}
