using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Vybe.TestSupport.Photos;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Operations;

/// <summary>
/// Two instances of the built app, two processes on two loopback ports, on one fresh PostgreSQL
/// database: what a load balancer in front of them would see.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const string AdminEmail = "two.instances.admin@example.com";

    /// <summary>Both instances write their e-mails here.</summary>
    public string MailDirectory { get; } = Directory.CreateTempSubdirectory("vybe-two-instances-mail-").FullName;

    public string ConnectionString { get; private set; } = "";

    public AppServer First { get; private set; } = null!;

    public AppServer Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("twoinstances");
        var environment = AppCommand.PostgresEnvironment(ConnectionString);
        environment["Vybe__Admin__Emails__0"] = AdminEmail;
        environment["Vybe__Email__PickupDirectory"] = MailDirectory;
        // Both at once, as an orchestrator starts replicas: both migrate on start-up, on a database with
        // no tables yet, and both make the Data Protection key ring if they find none.
        var first = AppServer.StartAsync(environment);
        var second = AppServer.StartAsync(environment);
        try
        {
            await Task.WhenAll(first, second);
        }
        finally
        {
            First = first.IsCompletedSuccessfully ? first.Result : null!;
            Second = second.IsCompletedSuccessfully ? second.Result : null!;
        }
    }

    public async Task DisposeAsync()
    {
        if (First is not null)
        {
            await First.DisposeAsync();
        }
        if (Second is not null)
        {
            await Second.DisposeAsync();
        }
        await TestPostgres.DropDatabaseAsync(ConnectionString);
        Directory.Delete(MailDirectory, recursive: true);
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class TwoInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private AppServer First => instances.First;

    private AppServer Second => instances.Second;

    [Fact]
    public async Task Two_processes_started_together_on_an_empty_database_both_serve_with_every_migration_applied()
    {
        Assert.NotEqual(First.Address.Port, Second.Address.Port);
        foreach (var instance in new[] { First, Second })
        {
            // Ready means the database answers and has every migration.
            using var client = new HttpClient { BaseAddress = instance.Address };
            var ready = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        }
        Assert.Equal("127.0.0.1", First.Address.Host);
        Assert.Equal("127.0.0.1", Second.Address.Host);
    }

    [Fact]
    public async Task A_member_who_logs_in_on_one_instance_is_signed_in_on_the_other_with_the_same_cookie()
    {
        var email = AccountSteps.NewEmail();
        using (var signup = Second.CreateBrowser(new CookieContainer()))
        {
            await signup.SignUpAsync(email);
        }
        var cookies = new CookieContainer();
        using var onFirst = First.CreateBrowser(cookies);
        using var onSecond = Second.CreateBrowser(cookies);

        var loggedIn = await onFirst.LogInAsync(email);

        Assert.Equal(HttpStatusCode.OK, loggedIn.Status);
        Assert.NotNull(cookies.GetCookies(First.Address)["vybe.auth"]);
        var account = await onSecond.GetAsync("/Account/Manage", followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Contains(email, account.Text);
        Assert.NotNull(account.Document.QuerySelector("header form[action='/Account/Logout']"));
        // The key ring is in the database (each instance may have made a key when both started on an empty one).
        Assert.InRange(await instances.CountAsync("SELECT count(*) FROM \"DataProtectionKeys\""), 1, 2);

        // A form the second instance rendered is accepted by the first: antiforgery tokens are shared too.
        var pageFromSecond = await onSecond.GetAsync("/");
        var loggedOut = await onFirst.SubmitAsync(pageFromSecond.Form("header form[action='/Account/Logout']"), followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.GetAsync("/Account/Manage", followRedirects: false)).Status);
    }

    [Fact]
    public async Task A_photo_choice_offered_by_one_instance_is_read_by_the_other()
    {
        var cookies = new CookieContainer();
        using var onFirst = First.CreateBrowser(cookies);
        using var onSecond = Second.CreateBrowser(cookies);
        var choice = await onFirst.UploadPhotoAsync(TestPhotos.Lines([("Table 12", 30), ("Order 444", 30)]));
        Assert.Equal(HttpStatusCode.OK, choice.Status);

        // The offer was sealed with the key ring in the database, which the second instance reads too.
        var reading = await onSecond.ChooseCandidateAsync(choice, "444");

        Assert.Equal(HttpStatusCode.OK, reading.Status);
        Assert.Equal("444", reading.Document.QuerySelector("#result .reading-title")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_reading_saved_through_one_instance_is_in_the_history_seen_through_the_other()
    {
        var cookies = new CookieContainer();
        using var onFirst = First.CreateBrowser(cookies);
        using var onSecond = Second.CreateBrowser(cookies);
        await onFirst.SignUpAsync(AccountSteps.NewEmail());

        Assert.Equal(HttpStatusCode.OK, (await onFirst.ReadNumberAsync("271828")).Status);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.ReadNumberAsync("314159")).Status);

        foreach (var browser in new[] { onFirst, onSecond })
        {
            var history = await browser.GetAsync("/History");
            Assert.Equal(HttpStatusCode.OK, history.Status);
            Assert.Contains("271828", history.Text);
            Assert.Contains("314159", history.Text);
        }
    }

    [Fact]
    public async Task Both_instances_error_rows_reach_the_same_admin_page_seen_through_either()
    {
        var fromFirst = $"client error through the first instance {Guid.NewGuid():N}"[..60];
        var fromSecond = $"client error through the second instance {Guid.NewGuid():N}"[..60];
        foreach (var (instance, message) in new[] { (First, fromFirst), (Second, fromSecond) })
        {
            using var client = new HttpClient { BaseAddress = instance.Address };
            var response = await client.PostAsJsonAsync(ClientErrorEndpoint.Path, new { kind = "error", message, page = "/" });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        var cookies = new CookieContainer();
        using var onFirst = First.CreateBrowser(cookies);
        using var onSecond = Second.CreateBrowser(cookies);
        await onFirst.SignUpAsync(TwoInstances.AdminEmail);
        // The link the first instance mailed works on the second: both read the one key ring.
        await onSecond.ConfirmEmailAsync(instances.MailDirectory, TwoInstances.AdminEmail);

        foreach (var browser in new[] { onFirst, onSecond })
        {
            // Each instance writes its rows from a queue in the background: wait for them to land.
            var page = await Eventually.ReturnsAsync(
                () => browser.GetAsync("/Admin/Errors/Log"),
                page => page.Status == HttpStatusCode.OK && page.Text.Contains(fromFirst) && page.Text.Contains(fromSecond),
                $"both client errors on /Admin/Errors/Log through {browser.Client.BaseAddress}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
        }
    }
}
