using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

public sealed class ErrorLogRetentionTests(ErrorLogRetentionTests.Factory app) : IClassFixture<ErrorLogRetentionTests.Factory>
{
    public sealed class Factory : VybeAppFactory
    {
        // A small batch so one purge needs several rounds.
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:ErrorLog:RetentionBatchSize"] = "4",
        };

        // The daily job also purges at start-up; here the test runs the purge itself, alone.
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Remove(services.Single(descriptor =>
                descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType?.Name == "ErrorLogRetentionJob")));
        }
    }

    [Fact]
    public async Task Retention_deletes_rows_older_than_90_days_in_batches_and_keeps_newer_ones()
    {
        var now = DateTimeOffset.UtcNow;
        ErrorLogEntry Row(TimeSpan age, string message) =>
            new() { Ts = now - age, Environment = "test", Service = "web", Level = "info", Message = message };
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 10; i++)
            {
                db.ErrorLogs.Add(Row(TimeSpan.FromDays(91 + i), "old"));
            }
            db.ErrorLogs.Add(Row(TimeSpan.FromDays(89), "recent"));
            db.ErrorLogs.Add(Row(TimeSpan.FromMinutes(1), "new"));
            return await db.SaveChangesAsync();
        });

        var deleted = await app.Services.GetRequiredService<ErrorLogRetention>().PurgeAsync(CancellationToken.None);

        Assert.Equal(10, deleted.Rows);
        var left = await app.WithDbAsync(db => db.ErrorLogs.Where(e => e.Service == "web" && e.Level == "info").Select(e => e.Message).ToListAsync());
        Assert.DoesNotContain("old", left);
        Assert.Contains("recent", left);
        Assert.Contains("new", left);
    }

    [Fact]
    public async Task Retention_keeps_what_issues_counted_and_deletes_their_hours_older_than_16_days_in_batches()
    {
        var now = DateTimeOffset.UtcNow;
        var member = Guid.NewGuid();
        ErrorLogEntry Row(TimeSpan age, Guid? user = null, string? ip = null) => new()
        {
            Ts = now - age,
            Environment = "test",
            Service = "web",
            Level = "error",
            Code = "RETAINED",
            Message = $"Reading {age.TotalHours:0} failed",
            Release = "1.0",
            UserId = user,
            Ip = ip is null ? null : IPAddress.Parse(ip),
        };
        // Counted as the writer counts them: two rows past the row retention, six (in six hours) past
        // the hours' but not the rows', one recent.
        await app.Services.GetRequiredService<IErrorLogStore>().InsertAsync(
        [
            Row(TimeSpan.FromDays(100), user: member),
            Row(TimeSpan.FromDays(95), ip: "203.0.113.5"),
            .. Enumerable.Range(0, 6).Select(k => Row(TimeSpan.FromDays(20) + TimeSpan.FromHours(k), ip: "203.0.113.6")),
            Row(TimeSpan.FromHours(1), user: member),
        ], CancellationToken.None);
        var before = await app.WithDbAsync(db => db.ErrorIssues.AsNoTracking().SingleAsync(i => i.Code == "RETAINED"));
        Assert.Equal((9L, 3), (before.EventCount, before.UsersCount));
        async Task<List<DateTimeOffset>> HoursAsync() =>
            await app.WithDbAsync(db => db.ErrorIssueHours.Where(h => h.Fingerprint == before.Fingerprint).Select(h => h.Hour).ToListAsync());
        Assert.Equal(9, (await HoursAsync()).Count);

        var deleted = await app.Services.GetRequiredService<ErrorLogRetention>().PurgeAsync(CancellationToken.None);

        // Eight old hours, four to a batch.
        Assert.Equal(new ErrorLogPurge(Rows: 2, IssueHours: 8), deleted);
        Assert.Equal(7, await app.WithDbAsync(db => db.ErrorLogs.CountAsync(e => e.Code == "RETAINED")));
        var after = await app.WithDbAsync(db => db.ErrorIssues.AsNoTracking().SingleAsync(i => i.Code == "RETAINED"));
        // Lifetime counts: the deleted rows still count, the first seen is still the oldest row's.
        Assert.Equal((before.EventCount, before.UsersCount, before.FirstSeen, before.LastSeen),
            (after.EventCount, after.UsersCount, after.FirstSeen, after.LastSeen));
        Assert.Equal(3, await app.WithDbAsync(db => db.ErrorIssueUsers.CountAsync(u => u.Fingerprint == before.Fingerprint)));
        Assert.Equal(9, await app.WithDbAsync(db => db.ErrorIssueReleases.Where(r => r.Fingerprint == before.Fingerprint).SumAsync(r => r.EventCount)));
        Assert.Equal([ErrorIssueHour.Of(now - TimeSpan.FromHours(1))], await HoursAsync());
        var cutoff = now - ErrorIssueHour.KeptFor;
        Assert.Equal(0, await app.WithDbAsync(db => db.ErrorIssueHours.CountAsync(h => h.Hour < cutoff)));
    }
}
