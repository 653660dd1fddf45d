using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.Data;
using Vybe.Web.Tests.History;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// What a request costs the database and the browser: the promises of the performance work, which
/// no functional test notices when they break (a page works the same with nine queries as with one).
/// </summary>
public sealed class RequestCostTests(RequestCostTests.Factory app) : IClassFixture<RequestCostTests.Factory>
{
    public sealed class Factory : VybeAppFactory
    {
        public DatabaseWork Work { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpContextAccessor();
                services.AddSingleton(Work);
                services.ConfigureDbContext<PostgresVybeDbContext>((provider, options) =>
                    options.AddInterceptors(new DatabaseWorkInterceptor(Work, provider.GetRequiredService<IHttpContextAccessor>())));
            });
        }
    }

    [Fact]
    public async Task A_member_reading_takes_one_query_to_check_the_session_and_three_round_trips_to_save()
    {
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(AccountSteps.NewEmail());
        await browser.ReadNumberAsync("777", htmx: true);

        app.Work.StartCounting(HomePage.Action(HomePage.Number));
        var reading = await browser.ReadNumberAsync("444", htmx: true);
        var work = app.Work.StopCounting();

        Assert.Equal(HttpStatusCode.OK, reading.Status);
        var commands = string.Join("\n---\n", work.Commands);
        // The session check (the stamp, with the zone and birth date the answer shows), the insert
        // (BEGIN rides on it), the owner's lock with the trim; then the commit.
        Assert.True(work.Commands.Count == 3, $"expected 3 commands, saw {work.Commands.Count}:\n{commands}");
        Assert.Contains("SecurityStamp", work.Commands[0], StringComparison.Ordinal);
        Assert.StartsWith("INSERT INTO readings", work.Commands[1], StringComparison.Ordinal);
        Assert.Contains("pg_advisory_xact_lock", work.Commands[2], StringComparison.Ordinal);
        Assert.Contains("DELETE FROM readings", work.Commands[2], StringComparison.Ordinal);
        Assert.Equal(1, work.Commits);
        Assert.True(work.Commands.Count + work.Commits <= 5, "at most 5 round trips per member reading");
        Assert.DoesNotContain(work.Commands, c => c.Contains("SAVEPOINT", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_signed_in_request_keeps_its_cookie_instead_of_being_issued_a_new_one()
    {
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(AccountSteps.NewEmail());

        var history = await browser.GetAsync("/history", followRedirects: false);

        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Null(history.Response.SetCookieValue("vybe.auth"));
    }

    [Fact]
    public async Task A_guest_page_sets_no_TempData_cookie_and_a_status_message_still_arrives_once()
    {
        using var browser = app.CreateBrowser();

        var home = await browser.GetAsync("/", followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.DoesNotContain(SetCookies(home.Response), c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider", StringComparison.Ordinal));

        await browser.SignUpAsync(AccountSteps.NewEmail());
        var signedIn = await browser.GetAsync("/");
        var afterLogout = await browser.SubmitAsync(signedIn, formSelector: "header form[action='/Account/Logout']");
        Assert.Contains("You are logged out.", afterLogout.Text, StringComparison.Ordinal);
        var again = await browser.GetAsync("/", followRedirects: false);
        Assert.DoesNotContain("You are logged out.", again.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(SetCookies(again.Response), c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider", StringComparison.Ordinal));
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];
}

/// <summary>The database commands and commits one request path made while counting was on.</summary>
public sealed class DatabaseWork
{
    private readonly ConcurrentQueue<string> commands = new();
    private int commits;
    private volatile string? countedPath;

    public sealed record Counted(IReadOnlyList<string> Commands, int Commits);

    public void StartCounting(string path)
    {
        commands.Clear();
        commits = 0;
        countedPath = path;
    }

    public Counted StopCounting()
    {
        countedPath = null;
        return new Counted([.. commands], commits);
    }

    internal bool Counts(HttpContext? context) =>
        countedPath is { } path && context?.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) == true;

    internal void Command(string sql) => commands.Enqueue(sql);

    internal void Commit() => Interlocked.Increment(ref commits);
}

internal sealed class DatabaseWorkInterceptor(DatabaseWork work, IHttpContextAccessor requests) : DbCommandInterceptor, IDbTransactionInterceptor
{
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (work.Counts(requests.HttpContext))
        {
            work.Commit();
        }
        return Task.CompletedTask;
    }

    private void Record(DbCommand command)
    {
        if (work.Counts(requests.HttpContext))
        {
            work.Command(command.CommandText.Trim());
        }
    }
}
