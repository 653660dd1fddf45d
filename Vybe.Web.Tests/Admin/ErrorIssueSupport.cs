using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Admin;

/// <summary>
/// The admin app on PostgreSQL, running release <see cref="Current"/> on a fake clock. Rows reach
/// the database the way every row does, through the log queue and the real writer; a row may say it
/// comes from another release (<see cref="Older"/> was reported before this one, <see cref="Later"/> after).
/// </summary>
public class IssueAppFactory : AdminAppFactory
{
    public const string Older = "1.0.0";
    public const string Current = "2.0.0";
    public const string Later = "3.0.0";

    public FakeTimeProvider Clock { get; } = new(ErrorLogAdminSteps.WholeSecondNow());

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        [AppRelease.Key] = Current,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await InitializeReleasesAsync();
    }

    protected async Task InitializeReleasesAsync()
    {
        // The older release was reported long before this one started, so it ranks before it.
        await WriteAsync(Row(Clock.GetUtcNow().AddDays(-10), "RELEASE_ORDER", Older));
        await Eventually.ReturnsAsync(() => WithDbAsync(db => db.ErrorReleases.Select(r => r.Name).ToListAsync()),
            names => names.Contains(Current) && names.Contains(Older), "both releases registered");
    }

    /// <summary>A row of the given release; <paramref name="user"/> makes it a member's, else a guest's from one address.</summary>
    public static ErrorLogEntry Row(DateTimeOffset ts, string code, string release = Current, Guid? user = null, string? message = null,
        string? details = null, string ua = "Mozilla/5.0 (test)")
    {
        var row = ErrorLogAdminSteps.Row(ts, code, userId: user, message: message, details: details, ua: ua);
        row.Release = release;
        return row;
    }

    /// <summary>Queues the rows as the logger does and waits until the writer has stored them.</summary>
    public async Task WriteAsync(params ErrorLogEntry[] rows)
    {
        var queue = Services.GetRequiredService<ErrorLogQueue>();
        var marks = new List<Guid>();
        foreach (var row in rows)
        {
            // The request id tells this call's rows apart from any other.
            var mark = Guid.NewGuid();
            row.RequestId = mark;
            marks.Add(mark);
            Assert.True(queue.TryEnqueue(row));
        }
        await Eventually.ReturnsAsync(
            () => WithDbAsync(db => db.ErrorLogs.CountAsync(e => e.RequestId != null && marks.Contains(e.RequestId.Value))),
            count => count == marks.Count, $"{marks.Count} row(s) written");
    }

    /// <summary>Writes <paramref name="count"/> rows of one error now, from the clock's time on.</summary>
    public Task WriteManyAsync(int count, string code, string release = Current) =>
        WriteAsync(Enumerable.Range(0, count).Select(_ => Row(Clock.GetUtcNow(), code, release)).ToArray());

    public Task<ErrorIssue> IssueAsync(long id) =>
        WithDbAsync(db => db.ErrorIssues.AsNoTracking().SingleAsync(i => i.Id == id));

    /// <summary>The issue the rows with this code were counted into (its first row's fingerprint's issue now).</summary>
    public Task<ErrorIssue> IssueOfAsync(string code) => WithDbAsync(async db =>
    {
        var fingerprint = await db.ErrorLogs.Where(e => e.Code == code).Select(e => e.Fingerprint).FirstAsync();
        var issueId = await db.ErrorIssueFingerprints.Where(f => f.Fingerprint == fingerprint).Select(f => f.IssueId).SingleAsync();
        return await db.ErrorIssues.AsNoTracking().SingleAsync(i => i.Id == issueId);
    });

    public async Task<ErrorIssueCommandResult> RunAsync(Func<ErrorIssueCommands, Task<ErrorIssueCommandResult>> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await command(scope.ServiceProvider.GetRequiredService<ErrorIssueCommands>());
    }

    /// <summary>A code no other test uses, so each test has issues of its own.</summary>
    public static string NewCode(string name) => $"{name}_{Guid.NewGuid():N}".ToUpperInvariant();
}

/// <summary>The same app on SQLite (the plain local run's database), in a file of its own.</summary>
public sealed class SqliteIssueAppFactory : IssueAppFactory, IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("vybe-issues-").FullName;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        ["Vybe:Database:Provider"] = DatabaseOptions.Sqlite,
    };

    public override async Task InitializeAsync()
    {
        ConnectionString = $"Data Source={Path.Combine(directory, "vybe.db")}";
        _ = Server;
        await InitializeReleasesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        Directory.Delete(MailPickupDirectory, recursive: true);
    }
}

public static class IssueSteps
{
    public static string IssueUrl(long id) => $"/Admin/Errors/Issues/{id}";

    public static void AssertStatus(HttpStatusCode expected, HtmlBrowser.Page page) =>
        Assert.True(expected == page.Status, $"Expected {(int)expected}, got {(int)page.Status}: {page.Text}");
}
