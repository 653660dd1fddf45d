using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;
using Vybe.Web.Web;

namespace Vybe.Web.Tests.Web;

/// <summary>An app of its own: these tests count every refusal its outage record sees.</summary>
public sealed class OutageRecordApp : OutageAppFactory;

/// <summary>
/// An outage is recorded once per instance and minute with the number of requests it refused,
/// not once per request; the background jobs carry on through it.
/// </summary>
public sealed class DatabaseOutageRecordTests(OutageRecordApp app) : IClassFixture<OutageRecordApp>
{
    [Fact]
    public async Task An_outage_is_logged_once_a_minute_with_the_number_of_requests_it_refused()
    {
        using var browser = app.CreateBrowser();
        var home = await browser.GetAsync(HomePage.Url(HomePage.Number));
        app.OutageClock.Advance(DatabaseOutageLog.Window); // close a minute another test may have left open
        var started = app.OutageClock.GetUtcNow();
        var refusedIds = new List<Guid>();

        using (app.Relay.Cut())
        {
            for (var i = 0; i < 5; i++)
            {
                if (i == 3)
                {
                    app.OutageClock.Advance(TimeSpan.FromSeconds(30)); // the same minute
                }
                refusedIds.Add(await RefusedReadingAsync(browser, home));
            }
        }
        app.OutageClock.Advance(TimeSpan.FromSeconds(30)); // the minute ends with the database back: its record is written

        var record = Assert.Single(await app.RowsAsync(r => r.Code == DatabaseOutageLog.Code));
        Assert.Equal("error", record.Level);
        Assert.Null(record.RequestId); // the minute's record, not one of its requests
        Assert.Contains("5 request(s) answered 503", record.Message);
        using (var details = JsonDocument.Parse(record.Details!))
        {
            Assert.Equal(5, details.RootElement.GetProperty("refused").GetInt32());
            Assert.Equal(started, details.RootElement.GetProperty("since").GetDateTimeOffset());
            Assert.Contains("NpgsqlException", details.RootElement.GetProperty("cause").GetString());
        }
        // The queue is first in, first out: with the record written, whatever the refused requests had logged
        // has been written too (or sent to the console while the database was away). They logged nothing.
        var perRequest = await app.WithDbAsync(db => Task.FromResult(db.ErrorLogs.Count(r => r.RequestId != null && refusedIds.Contains(r.RequestId.Value))));
        Assert.Equal(0, perRequest);
        Assert.DoesNotContain(app.Console.Lines, line => refusedIds.Any(id => line.Contains(id.ToString())));

        // A later minute of outage gets a record of its own.
        using (app.Relay.Cut())
        {
            await RefusedReadingAsync(browser, home);
        }
        app.OutageClock.Advance(DatabaseOutageLog.Window);
        var records = await app.RowsAsync(r => r.Code == DatabaseOutageLog.Code, atLeast: 2);
        Assert.Equal(2, records.Count);
        Assert.Contains(records, r => r.Message.Contains("1 request(s) answered 503"));
    }

    [Fact]
    public async Task A_record_written_while_the_database_is_still_down_goes_to_the_console_after_the_writers_retries()
    {
        using var browser = app.CreateBrowser();
        var home = await browser.GetAsync(HomePage.Url(HomePage.Number));
        // Close a minute another test may have left open, so this one starts with the next refusal.
        app.OutageClock.Advance(DatabaseOutageLog.Window);

        using (app.Relay.Cut())
        {
            await RefusedReadingAsync(browser, home);
            await RefusedReadingAsync(browser, home);
            app.OutageClock.Advance(DatabaseOutageLog.Window);

            var line = await Eventually.ReturnsAsync(
                () => Task.FromResult(app.Console.Lines.FirstOrDefault(l => l.Contains(DatabaseOutageLog.Code))),
                found => found is not null, "the outage record on the console");
            using var json = JsonDocument.Parse(line!);
            Assert.Contains("retries", json.RootElement.GetProperty("error_log_fallback").GetString());
            Assert.Contains("2 request(s) answered 503", json.RootElement.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task The_retention_job_and_the_error_log_writer_carry_on_through_an_outage()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var old = new ErrorLogEntry
        {
            Ts = DateTimeOffset.UtcNow.AddDays(-400),
            Environment = "test",
            Service = "web",
            Level = "info",
            Message = "old enough to go",
        };
        await app.WithDbAsync(async db =>
        {
            db.ErrorLogs.Add(old);
            return await db.SaveChangesAsync();
        });
        var job = new ErrorLogRetentionJob(app.Services.GetRequiredService<ErrorLogRetention>(),
            app.Services.GetRequiredService<IOptions<ErrorLogOptions>>(), clock,
            app.Services.GetRequiredService<ILogger<ErrorLogRetentionJob>>());
        var errorLog = app.Services.GetRequiredService<IErrorLog>();
        var writer = app.Services.GetRequiredService<ErrorLogWriter>();

        using (app.Relay.Cut())
        {
            var resets = app.Relay.Resets;
            await job.StartAsync(CancellationToken.None); // its first pass runs now, against no database
            await Eventually.TrueAsync(() => app.Relay.Resets > resets, "the job's first pass to be refused");
            errorLog.Warn("written while the database was away", "OUTAGE_TEST");
            await Eventually.TrueAsync(() => app.Console.Lines.Any(l => l.Contains("written while the database was away")),
                "the writer to give that row to the console");
        }

        clock.Advance(app.Services.GetRequiredService<IOptions<ErrorLogOptions>>().Value.RetentionInterval);
        await Eventually.ReturnsAsync(() => app.WithDbAsync(db => Task.FromResult(db.ErrorLogs.Any(r => r.Id == old.Id))),
            present => !present, "the next retention pass to delete the old row");
        errorLog.Warn("written when the database was back", "OUTAGE_TEST");
        await app.RowsAsync(r => r.Message == "written when the database was back");
        Assert.False(writer.ExecuteTask!.IsCompleted);
        Assert.False(job.ExecuteTask!.IsCompleted);
        await job.StopAsync(CancellationToken.None);
    }

    private static async Task<Guid> RefusedReadingAsync(HtmlBrowser browser, HtmlBrowser.Page home)
    {
        var refused = await browser.SubmitAsync(home.Form(HomePage.FormSelector(HomePage.Number)), new Dictionary<string, string> { [HomePage.Fields.Number] = "777" }, home.Url);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        return Guid.Parse(refused.Response.Headers.GetValues("X-Request-Id").Single());
    }
}
