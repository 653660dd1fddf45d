using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vybe.Web.ErrorLog;
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

        Assert.Equal(10, deleted);
        var left = await app.WithDbAsync(db => db.ErrorLogs.Where(e => e.Service == "web" && e.Level == "info").Select(e => e.Message).ToListAsync());
        Assert.DoesNotContain("old", left);
        Assert.Contains("recent", left);
        Assert.Contains("new", left);
    }
}
