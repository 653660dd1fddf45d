using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// While the database is unreachable: 503 with Retry-After and the "briefly unavailable" page (a
/// toast for htmx) for what needs it, everything else served as usual, /readyz saying why, and all
/// of it over by itself when the database is back. The database is the test's own, behind a relay.
/// </summary>
public sealed class DatabaseOutageTests(OutageAppFactory app) : IClassFixture<OutageAppFactory>
{
    private const string Unavailable = "Vybe is briefly unavailable";

    [Fact]
    public async Task Readyz_says_the_database_is_unreachable_while_it_is_cut_and_is_ready_again_by_itself()
    {
        using var client = app.CreateClient();
        HttpResponseMessage response;
        string body;
        using (app.Relay.Cut())
        {
            response = await client.GetAsync("/readyz");
            body = await response.Content.ReadAsStringAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("Unhealthy\n", body);
        Assert.Contains("database: Unhealthy: database unreachable\n", body);
        Assert.Contains("migrations: Unhealthy: not checked: database unreachable\n", body);
        SaysNothingOfTheConnection(body);
        var ready = await Eventually.ReturnsAsync(async () =>
        {
            using var again = await client.GetAsync("/readyz");
            return (again.StatusCode, Body: await again.Content.ReadAsStringAsync());
        }, r => r.StatusCode == HttpStatusCode.OK, "/readyz to answer 200 again");
        Assert.Equal("Healthy", ready.Body);
    }

    [Fact]
    public async Task Readyz_names_a_pending_migration_while_the_database_answers()
    {
        var latest = await app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().Last()));
        var productVersion = await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT \"ProductVersion\" AS \"Value\" FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", latest)
            .SingleAsync());
        using var client = app.CreateClient();
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", latest));
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.GetAsync("/readyz");
            body = await response.Content.ReadAsStringAsync();
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, {1})", latest, productVersion));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("database: Healthy: database answers\n", body);
        Assert.Contains($"migrations: Unhealthy: 1 pending migration(s): {latest}\n", body);
        Assert.Equal("Healthy", await client.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task A_reading_posted_while_the_database_is_cut_gets_503_with_retry_after_and_saves_nothing()
    {
        using var browser = app.CreateBrowser();
        var home = await browser.GetAsync(HomePage.Url(HomePage.Number));
        var before = await ReadingsWithInputAsync("43219");

        HtmlBrowser.Page refused;
        using (app.Relay.Cut())
        {
            refused = await browser.SubmitAsync(home.Form(HomePage.FormSelector(HomePage.Number)), new Dictionary<string, string> { [HomePage.Fields.Number] = "43219" }, home.Url);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Response.Headers.RetryAfter?.Delta);
        Assert.Equal(Unavailable, refused.Document.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Contains("Your reading was not saved. Try again in a moment.", refused.Text);
        Assert.NotNull(refused.Document.QuerySelector("header.site-header")); // the whole page, in the layout
        Assert.DoesNotContain("Something went wrong", refused.Text);
        Assert.Equal(before, await ReadingsWithInputAsync("43219"));

        // The database is back: the same post is read and saved, with nothing for anyone to do.
        var accepted = await browser.ReadNumberAsync("43219");
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(before + 1, await ReadingsWithInputAsync("43219"));
    }

    [Fact]
    public async Task A_connection_lost_right_after_the_reading_is_inserted_gets_503_and_leaves_no_row()
    {
        using var browser = app.CreateBrowser();
        var home = await browser.GetAsync(HomePage.Url(HomePage.Number));

        app.CutAfterReadingInsert.Arm();
        HtmlBrowser.Page refused;
        try
        {
            refused = await browser.SubmitAsync(home.Form(HomePage.FormSelector(HomePage.Number)), new Dictionary<string, string> { [HomePage.Fields.Number] = "86420" }, home.Url);
        }
        finally
        {
            app.CutAfterReadingInsert.Cut?.Dispose();
        }

        Assert.NotNull(app.CutAfterReadingInsert.Cut); // the cut came where it was meant to
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains("Your reading was not saved. Try again in a moment.", refused.Text);
        Assert.Equal(0, await ReadingsWithInputAsync("86420")); // inserted, never committed
    }

    [Fact]
    public async Task An_htmx_reading_post_while_the_database_is_cut_gets_a_toast_that_the_layouts_htmx_config_swaps_in()
    {
        using var browser = app.CreateBrowser();
        var home = await browser.GetAsync(HomePage.Url(HomePage.Time));

        HtmlBrowser.Page refused;
        using (app.Relay.Cut())
        {
            refused = await browser.SubmitAsync(home.Form(HomePage.FormSelector(HomePage.Time)), new Dictionary<string, string> { [HomePage.Fields.Time] = "11:11" }, home.Url,
                htmx: true);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Response.Headers.RetryAfter?.Delta);
        Assert.Null(refused.Document.QuerySelector("header.site-header")); // a fragment, not a second layout
        var toast = Assert.Single(refused.Document.QuerySelectorAll(".toast"));
        Assert.Contains($"{Unavailable}. Your reading was not saved. Try again in a moment.", toast.TextContent);
        Assert.Equal("#toasts", Header(refused, "HX-Retarget"));
        Assert.Equal("beforeend", Header(refused, "HX-Reswap"));

        // htmx 2 swaps no 5xx unless told to: the layout's rule for 503 must swap, into the toast area, what the answer holds.
        var rule = HtmxRuleFor(home, 503);
        Assert.True(rule.GetProperty("swap").GetBoolean());
        Assert.NotNull(home.Document.QuerySelector(rule.GetProperty("target").GetString()!));
        Assert.NotNull(refused.Document.QuerySelector(rule.GetProperty("select").GetString()!));
    }

    [Fact]
    public async Task A_boosted_form_post_while_the_database_is_cut_gets_the_whole_page_with_headers_that_replace_the_body()
    {
        using var browser = app.CreateBrowser();
        var login = await browser.GetAsync("/Account/Login");
        var token = login.Form().QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        HtmlBrowser.Page refused;
        using (app.Relay.Cut())
        {
            refused = await SendAsync(browser, HttpMethod.Post, "/Account/Login", boosted: true, new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = AccountSteps.NewEmail(),
                ["Input.Password"] = AccountSteps.StrongPassword,
            });
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Response.Headers.RetryAfter?.Delta);
        Assert.NotNull(refused.Document.QuerySelector("header.site-header"));
        Assert.Equal(Unavailable, refused.Document.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Contains("That could not be finished just now. Try again in a moment.", refused.Text);
        // Past the layout's 5xx rule (toast area, .toast only), so htmx shows this page as it would any boosted page.
        Assert.Equal("body", Header(refused, "HX-Retarget"));
        Assert.Equal("innerHTML", Header(refused, "HX-Reswap"));
        Assert.Equal("unset", Header(refused, "HX-Reselect"));
    }

    [Fact]
    public async Task Pages_and_files_that_do_not_need_the_database_are_served_while_it_is_cut()
    {
        using var guest = app.CreateBrowser();
        using var member = app.CreateBrowser();
        await member.SignUpAsync(AccountSteps.NewEmail());
        string[] guestPaths = ["/", HomePage.Url(HomePage.Time), HomePage.Url(HomePage.Photo), "/Account/Login", "/Account/Signup", "/healthz", "/css/site.css",
            "/js/site.js", "/lib/htmx/htmx.min.js", "/favicon.svg"];
        string[] memberPaths = ["/healthz", "/css/site.css", "/js/site.js", "/lib/htmx/htmx.min.js"];

        var answers = new List<string>();
        using (app.Relay.Cut())
        {
            foreach (var path in guestPaths)
            {
                answers.Add($"guest {path}: {(int)(await guest.GetAsync(path, followRedirects: false)).Status}");
            }
            foreach (var path in memberPaths)
            {
                answers.Add($"member {path}: {(int)(await member.GetAsync(path, followRedirects: false)).Status}");
            }
        }

        Assert.All(answers, answer => Assert.EndsWith(": 200", answer));
        var photoForm = await guest.GetAsync(HomePage.Url(HomePage.Photo));
        Assert.NotNull(photoForm.Document.QuerySelector(HomePage.FormSelector(HomePage.Photo) + " input[type='file']"));
    }

    [Fact]
    public async Task A_members_page_while_the_database_is_cut_gets_503_and_the_member_is_still_signed_in_after()
    {
        using var member = app.CreateBrowser();
        await member.SignUpAsync(AccountSteps.NewEmail());
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/Account/Manage", followRedirects: false)).Status);

        HtmlBrowser.Page manage, home, history, htmxHistory, boostedHistory;
        using (app.Relay.Cut())
        {
            manage = await member.GetAsync("/Account/Manage", followRedirects: false);
            home = await member.GetAsync("/", followRedirects: false);
            history = await member.GetAsync("/History", followRedirects: false);
            htmxHistory = await member.GetAsync("/History", followRedirects: false, htmx: true);
            boostedHistory = await SendAsync(member, HttpMethod.Get, "/History", boosted: true);
        }

        foreach (var page in new[] { manage, home, history, boostedHistory })
        {
            // Not the error page (500), not the log-in page (302), not the page as a guest would see it.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
            Assert.Equal(TimeSpan.FromSeconds(5), page.Response.Headers.RetryAfter?.Delta);
            Assert.Equal(Unavailable, page.Document.QuerySelector("main h1")?.TextContent.Trim());
            Assert.Contains("This page could not be loaded just now. Try again in a moment.", page.Text);
            Assert.False(page.Response.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.Any(c => c.StartsWith("vybe.auth=;", StringComparison.Ordinal)), "the sign-in cookie was deleted");
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, htmxHistory.Status);
        Assert.Contains(Unavailable, Assert.Single(htmxHistory.Document.QuerySelectorAll(".toast")).TextContent);

        var after = await member.GetAsync("/Account/Manage", followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    /// <summary>The body names no part of the connection: neither host, port, user, password nor database.</summary>
    private void SaysNothingOfTheConnection(string body)
    {
        var connection = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var shared = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString);
        foreach (var secret in new[]
        {
            connection.Host, connection.Port.ToString(), connection.Username, connection.Password, connection.Database,
            shared.Port.ToString(), "Password", "Host=",
        })
        {
            Assert.DoesNotContain(secret!, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private Task<int> ReadingsWithInputAsync(string input) =>
        app.WithDbAsync(db => db.Readings.CountAsync(r => r.RawInput == input));

    private static string Header(HtmlBrowser.Page page, string name) =>
        page.Response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    /// <summary>The first rule of the page's htmx-config responseHandling whose code pattern matches the status, as htmx picks it.</summary>
    private static JsonElement HtmxRuleFor(HtmlBrowser.Page page, int status)
    {
        var config = page.Document.QuerySelector("meta[name='htmx-config']")!.GetAttribute("content")!;
        using var json = JsonDocument.Parse(config);
        return json.RootElement.GetProperty("responseHandling").EnumerateArray()
            .First(rule => Regex.IsMatch(status.ToString(), rule.GetProperty("code").GetString()!))
            .Clone();
    }

    /// <summary>A request as htmx sends it for a boosted link or form (the whole body is swapped).</summary>
    private static async Task<HtmlBrowser.Page> SendAsync(HtmlBrowser browser, HttpMethod method, string url, bool boosted,
        IDictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        request.Headers.Add("HX-Request", "true");
        if (boosted)
        {
            request.Headers.Add("HX-Boosted", "true");
        }
        var response = await browser.Client.SendAsync(request);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return new HtmlBrowser.Page(response, document, request.RequestUri!);
    }
}
