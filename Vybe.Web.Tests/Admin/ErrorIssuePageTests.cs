using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;
using static Vybe.Web.Tests.Admin.IssueAppFactory;

namespace Vybe.Web.Tests.Admin;

public sealed class ErrorIssuePageOnPostgresTests(IssueAppFactory app) : ErrorIssuePageTests<IssueAppFactory>(app);

public sealed class ErrorIssuePageOnSqliteTests(SqliteIssueAppFactory app) : ErrorIssuePageTests<SqliteIssueAppFactory>(app);

/// <summary>The issue page over HTTP: what it shows, its forms as plain posts and as htmx sends them, and who may use it.</summary>
public abstract class ErrorIssuePageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : IssueAppFactory
{
    private const string Chrome131 = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Firefox133 = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string Safari17 = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15";

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>A browser stack: every row has the same frames (one issue), the line numbers tell them apart.</summary>
    private static string Details(string key, string page, int line) =>
        $$"""{"{{key}}": "{{page}}", "stack": "TypeError: x is undefined\n    at render (https://vybe.example/js/reading.js?v=3:{{line}}:5)\n    at show (https://vybe.example/js/reading.js?v=3:40:2)"}""";

    private async Task<ErrorIssue> NewIssueAsync(string name, int events = 1)
    {
        var code = NewCode(name);
        await app.WriteManyAsync(events, code);
        return await app.IssueOfAsync(code);
    }

    private async Task<(HtmlBrowser Browser, HtmlBrowser.Page Page)> OpenAsync(long id)
    {
        var browser = await app.AdminBrowserAsync();
        var page = await browser.GetAsync(IssueDetailPage.Url(id));
        IssueSteps.AssertStatus(HttpStatusCode.OK, page);
        return (browser, page);
    }

    [Fact]
    public async Task Page_shows_the_facts_pages_browsers_releases_latest_events_and_the_newest_stack()
    {
        var code = NewCode("PAGE");
        var (ann, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var rows = new List<ErrorLogEntry>();
        void Add(string ua, string key, string page, Guid? user, string release = Current)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            rows.Add(Row(Now, code, release, user, details: Details(key, page, 10 + rows.Count), ua: ua));
        }
        Add(Chrome131, "page", "https://vybe.example/readings?id=1", ann);
        Add(Chrome131, "page", "https://vybe.example/readings?id=2", ann);
        Add(Chrome131, "page", "https://vybe.example/readings?id=3", bob);
        Add(Firefox133, "path", "/history", bob);
        Add(Firefox133, "path", "/history", bob);
        Add(Safari17, "page", "https://vybe.example/?tz=1", ann, Later);
        await app.WriteAsync([.. rows]);
        var issue = await app.IssueOfAsync(code);

        var (browser, page) = await OpenAsync(issue.Id);
        var view = new IssueDetailPage(page);
        var facts = view.Facts;

        Assert.Equal(issue.Title, view.Heading);
        Assert.Equal("open", facts["Status"]);
        Assert.Equal("6", facts["Events"]);
        Assert.Equal("2", facts["Users"]);
        Assert.Equal($"{Later}, {Current}", facts["Releases seen"]);
        Assert.Equal(code, facts["Code"]);
        Assert.Contains("after 90 days", view.LifetimeHint);
        Assert.Contains("latest 6 events", view.Text);
        Assert.Equal(new[] { new[] { "/readings", "3", "50%" }, ["/history", "2", "33%"], ["/", "1", "17%"] }, view.Table("issue-pages"));
        Assert.Equal(new[] { new[] { "Chrome 131", "3", "50%" }, ["Firefox 133", "2", "33%"], ["Safari 17", "1", "17%"] }, view.Table("issue-browsers"));
        Assert.Equal(new[] { Later, "1" }, view.Table("issue-releases")[0][..2]);
        Assert.Equal(new[] { Current, "5" }, view.Table("issue-releases")[1][..2]);
        Assert.Equal(rows.Select(r => r.Id).Reverse().ToList(), view.LatestEventIds);
        Assert.True(view.LinksTo(ErrorLogDetailPage.Url(rows[^1].Id)));
        Assert.True(view.LinksTo($"/Admin/Errors/Log?issue={issue.Id}"));
        Assert.Contains("reading.js?v=3:15:5", view.Stack);
        Assert.True(view.HasTrendPlaceholder);
        browser.Dispose();
    }

    [Fact]
    public async Task Resolve_as_a_plain_form_redirects_back_to_the_page_which_shows_it_resolved()
    {
        var issue = await NewIssueAsync("PLAIN");
        var (browser, page) = await OpenAsync(issue.Id);

        var answer = await browser.SubmitAsync(new IssueDetailPage(page).StatusForm("resolve-form")!, pageUrl: page.Url, followRedirects: false);
        var after = await browser.GetAsync(answer.Response.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal(IssueDetailPage.Url(issue.Id), answer.Response.Headers.Location!.OriginalString);
        Assert.Equal("resolved", new IssueDetailPage(after).Facts["Status"]);
        Assert.Contains($"in release {Current}", new IssueDetailPage(after).StatusPanel!.TextContent);
        Assert.Equal(ErrorIssueStatus.Resolved, (await app.IssueAsync(issue.Id)).Status);
        browser.Dispose();
    }

    [Fact]
    public async Task Resolve_in_the_next_release_with_htmx_answers_with_the_status_panel_alone()
    {
        var issue = await NewIssueAsync("HTMX");
        var (browser, page) = await OpenAsync(issue.Id);

        var answer = await browser.SubmitAsync(new IssueDetailPage(page).StatusForm("resolve-next-form")!, pageUrl: page.Url, htmx: true, followRedirects: false);
        var panel = new IssueDetailPage(answer);

        IssueSteps.AssertStatus(HttpStatusCode.OK, answer);
        Assert.Null(answer.Document.QuerySelector("h1"));
        Assert.Equal("Status: resolved", panel.StatusHeading);
        Assert.Contains($"in the release after {Current}", panel.Text);
        Assert.NotNull(panel.StatusForm("reopen-form"));
        var stored = await app.IssueAsync(issue.Id);
        Assert.True(stored.ResolvedInNextRelease);
        browser.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Snooze_ignore_and_reopen_work_as_plain_forms_and_with_htmx(bool htmx)
    {
        var issue = await NewIssueAsync("STATUS", events: 3);
        var (browser, page) = await OpenAsync(issue.Id);

        async Task<IssueDetailPage> SubmitAsync(IssueDetailPage current, string form, Dictionary<string, string>? values = null)
        {
            var answer = await browser.SubmitAsync(current.StatusForm(form)!, values, page.Url, htmx: htmx);
            IssueSteps.AssertStatus(HttpStatusCode.OK, answer);
            Assert.Equal(htmx, answer.Document.QuerySelector("h1") is null);
            return new IssueDetailPage(answer);
        }

        var snoozed = await SubmitAsync(new IssueDetailPage(page), "snooze-form", new() { ["snooze"] = "10" });
        var snoozedIssue = await app.IssueAsync(issue.Id);
        var ignored = await SubmitAsync(snoozed, "ignore-form");
        var reopened = await SubmitAsync(ignored, "reopen-form");

        Assert.Equal("Status: snoozed", snoozed.StatusHeading);
        Assert.Contains("until it has 13 events (10 more)", snoozed.Text);
        Assert.Equal(13, snoozedIssue.SnoozedUntilCount);
        Assert.Equal("Status: ignored", ignored.StatusHeading);
        Assert.Equal("Status: open", reopened.StatusHeading);
        Assert.Equal(ErrorIssueStatus.Open, (await app.IssueAsync(issue.Id)).Status);
        browser.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_snooze_value_that_is_not_offered_is_400_with_a_message_and_changes_nothing(bool htmx)
    {
        var issue = await NewIssueAsync("BAD_SNOOZE");
        var (browser, page) = await OpenAsync(issue.Id);

        var answer = await browser.SubmitAsync(new IssueDetailPage(page).StatusForm("snooze-form")!, new Dictionary<string, string> { ["snooze"] = "forever" },
            page.Url, htmx: htmx);

        IssueSteps.AssertStatus(HttpStatusCode.BadRequest, answer);
        Assert.Contains("Choose how long to snooze", new IssueDetailPage(answer).Error);
        Assert.NotNull(new IssueDetailPage(answer).StatusPanel);
        Assert.Equal(ErrorIssueStatus.Open, (await app.IssueAsync(issue.Id)).Status);
        browser.Dispose();
    }

    [Fact]
    public async Task A_status_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var issue = await NewIssueAsync("NO_TOKEN");
        var (browser, page) = await OpenAsync(issue.Id);

        var answer = await browser.SubmitAsync(new IssueDetailPage(page).StatusForm("resolve-form")!, pageUrl: page.Url, htmx: true,
            omit: ["__RequestVerificationToken"], followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(ErrorIssueStatus.Open, (await app.IssueAsync(issue.Id)).Status);
        browser.Dispose();
    }

    [Fact]
    public async Task Merging_through_the_page_sums_the_counts_the_merged_page_points_to_the_target_and_split_undoes_it()
    {
        var target = await NewIssueAsync("PAGE_TARGET", events: 2);
        var source = await NewIssueAsync("PAGE_SOURCE", events: 3);
        var (browser, page) = await OpenAsync(target.Id);

        var merged = await browser.SubmitAsync(new IssueDetailPage(page).MergeHereForm, new Dictionary<string, string> { ["other"] = $"#{source.Id}" }, page.Url);
        var sourcePage = new IssueDetailPage(await browser.GetAsync(IssueDetailPage.Url(source.Id)));
        var split = await browser.SubmitAsync(new IssueDetailPage(merged).SplitForm(source.Id)!, pageUrl: merged.Url);

        IssueSteps.AssertStatus(HttpStatusCode.OK, merged);
        Assert.Equal(IssueDetailPage.Url(target.Id), merged.Url.AbsolutePath);
        Assert.Equal("5", new IssueDetailPage(merged).Facts["Events"]);
        Assert.Contains($"merged into issue #{target.Id}", sourcePage.Text);
        Assert.True(sourcePage.LinksTo(IssueDetailPage.Url(target.Id)));
        Assert.Null(sourcePage.StatusPanel);
        Assert.Equal("2", new IssueDetailPage(split).Facts["Events"]);
        Assert.Null(new IssueDetailPage(split).SplitForm(source.Id));
        Assert.Equal(3, (await app.IssueAsync(source.Id)).EventCount);
        browser.Dispose();
    }

    [Fact]
    public async Task Merge_this_into_another_issue_moves_its_counts_there()
    {
        var target = await NewIssueAsync("INTO_TARGET", events: 1);
        var source = await NewIssueAsync("INTO_SOURCE", events: 2);
        var (browser, page) = await OpenAsync(source.Id);

        var merged = await browser.SubmitAsync(new IssueDetailPage(page).MergeIntoForm, new Dictionary<string, string> { ["other"] = target.Id.ToString() }, page.Url);

        Assert.Contains($"merged into issue #{target.Id}", merged.Text);
        Assert.Equal(3, (await app.IssueAsync(target.Id)).EventCount);
        browser.Dispose();
    }

    [Theory]
    [InlineData("self", HttpStatusCode.UnprocessableEntity, "cannot be merged into itself")]
    [InlineData("abc", HttpStatusCode.BadRequest, "Give the other issue's number")]
    [InlineData("999999999", HttpStatusCode.UnprocessableEntity, "There is no issue #999999999")]
    public async Task A_merge_that_makes_no_sense_is_refused_with_a_message(string other, HttpStatusCode status, string message)
    {
        var issue = await NewIssueAsync("MERGE_REFUSED");
        var (browser, page) = await OpenAsync(issue.Id);

        var answer = await browser.SubmitAsync(new IssueDetailPage(page).MergeHereForm,
            new Dictionary<string, string> { ["other"] = other == "self" ? issue.Id.ToString() : other }, page.Url);

        IssueSteps.AssertStatus(status, answer);
        Assert.Contains(message, new IssueDetailPage(answer).Error);
        Assert.Null((await app.IssueAsync(issue.Id)).MergedIntoId);
        browser.Dispose();
    }

    [Fact]
    public async Task An_issue_that_does_not_exist_is_404_to_read_and_to_change()
    {
        using var browser = await app.AdminBrowserAsync();
        var missing = (await app.WithDbAsync(db => db.ErrorIssues.MaxAsync(i => (long?)i.Id)) ?? 0) + 1000;

        var read = await browser.GetAsync(IssueDetailPage.Url(missing));
        var notANumber = await browser.GetAsync("/Admin/Errors/Issues/abc");
        var change = await browser.PostFieldsAsync($"{IssueDetailPage.Url(missing)}?handler=Resolve", new Dictionary<string, string>(), followRedirects: false);

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal(HttpStatusCode.NotFound, notANumber.Status);
        Assert.Equal(HttpStatusCode.NotFound, change.Status);
    }

    [Fact]
    public async Task Guests_are_sent_to_log_in_and_members_are_refused_reading_and_changing()
    {
        var issue = await NewIssueAsync("ACCESS");
        using var guest = app.CreateBrowser();
        using var member = app.CreateBrowser();
        await member.SignUpAsync(AccountSteps.NewEmail());

        var guestRead = await guest.GetAsync(IssueDetailPage.Url(issue.Id), followRedirects: false);
        var memberRead = await member.GetAsync(IssueDetailPage.Url(issue.Id), followRedirects: false);
        var memberChange = await member.PostFieldsAsync($"{IssueDetailPage.Url(issue.Id)}?handler=Ignore", new Dictionary<string, string>(), followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, guestRead.Status);
        Assert.StartsWith("/Account/Login", guestRead.Response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, memberRead.Status);
        Assert.Equal(HttpStatusCode.Forbidden, memberChange.Status);
        Assert.Equal(ErrorIssueStatus.Open, (await app.IssueAsync(issue.Id)).Status);
    }
}
