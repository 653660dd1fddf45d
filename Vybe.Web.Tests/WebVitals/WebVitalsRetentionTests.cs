using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Tests.WebVitals;

public sealed class WebVitalsRetentionTests(WebVitalsRetentionTests.Factory app) : IClassFixture<WebVitalsRetentionTests.Factory>
{
    public sealed class Factory : VybeAppFactory
    {
        // A small batch so one purge needs several rounds.
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:WebVitals:RetentionDays"] = "30",
            ["Vybe:WebVitals:RetentionBatchSize"] = "4",
        };

        // The daily job also purges at start-up; here the test runs the purge itself, alone.
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Remove(services.Single(descriptor =>
                descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType?.Name == "WebVitalsRetentionJob")));
        }
    }

    [Fact]
    public async Task Retention_deletes_samples_older_than_the_setting_in_batches_and_keeps_newer_ones()
    {
        var now = DateTimeOffset.UtcNow;
        WebVitalSample Sample(TimeSpan age, double value) =>
            new() { Ts = now - age, Page = "/", Metric = "LCP", Value = value, Rating = "good", RequestId = Guid.NewGuid() };
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 10; i++)
            {
                db.WebVitals.Add(Sample(TimeSpan.FromDays(31 + i), 1));
            }
            db.WebVitals.Add(Sample(TimeSpan.FromDays(29), 2));
            db.WebVitals.Add(Sample(TimeSpan.FromMinutes(1), 3));
            return await db.SaveChangesAsync();
        });

        var deleted = await app.Services.GetRequiredService<WebVitalsRetention>().PurgeAsync(CancellationToken.None);

        Assert.Equal(10, deleted);
        Assert.Equal([2.0, 3.0], await app.WithDbAsync(db => db.WebVitals.OrderBy(s => s.Value).Select(s => s.Value).ToListAsync()));
    }
}
