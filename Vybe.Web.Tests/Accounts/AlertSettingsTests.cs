using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Pages.Account.Manage;
using Vybe.Web.Tests.Admin;
using Vybe.Web.Tests.History;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Accounts;

/// <summary>The error e-mail choices on the account page: only admins have the page; each box saves its own flag.</summary>
public sealed class AlertSettingsTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    private const string Path = "/Account/Manage/Alerts";
    private const string NavLink = "main a[href='/Account/Manage/Alerts']";

    private static readonly string[] Boxes = ["Input.NewIssue", "Input.Regression", "Input.Spike", "Input.DailyDigest"];

    private sealed record Mutes(bool NewIssue, bool Regression, bool Spike, bool DailyDigest)
    {
        public bool[] All => [NewIssue, Regression, Spike, DailyDigest];
    }

    private Task<Mutes> MutesAsync(string email) => app.WithDbAsync(db => db.Users
        .Where(u => u.NormalizedEmail == email.ToUpperInvariant())
        .Select(u => new Mutes(u.MuteNewIssueAlerts, u.MuteRegressionAlerts, u.MuteSpikeAlerts, u.MuteDailyErrorDigest))
        .SingleAsync());

    private static bool[] Ticked(HtmlBrowser.Page page) =>
        Boxes.Select(name => page.Form().QuerySelector($"input[type=checkbox][name='{name}']")?.HasAttribute("checked")
            ?? throw new InvalidOperationException($"No checkbox {name}")).ToArray();

    [Fact]
    public async Task An_admin_finds_the_page_from_the_account_page_and_each_box_saves_its_own_kind()
    {
        using var admin = await app.AdminBrowserAsync();
        var account = await admin.GetAsync("/Account/Manage");
        Assert.NotNull(account.Document.QuerySelector(NavLink));

        var page = await admin.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("E-mail me when", page.Text);
        Assert.Equal(new[] { true, true, true, true }, Ticked(page));

        // Each box off in turn: that kind is muted, the ones turned off before stay off, the others stay on.
        for (var i = 0; i < Boxes.Length; i++)
        {
            page = await admin.SubmitAsync(page, new Dictionary<string, string> { [Boxes[i]] = "false" });

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(Path, page.Url.AbsolutePath);
            Assert.Contains(AlertsModel.SavedMessage, page.Document.QuerySelector("[role=status]")?.TextContent);
            var expectedMuted = Enumerable.Range(0, Boxes.Length).Select(b => b <= i).ToArray();
            var muted = await MutesAsync(AdminAppFactory.AdminEmail);
            Assert.Equal(expectedMuted, muted.All);
            Assert.Equal(expectedMuted.Select(m => !m).ToArray(), Ticked(page));
        }

        page = await admin.SubmitAsync(page, Boxes.ToDictionary(b => b, _ => "true"));

        var saved = await MutesAsync(AdminAppFactory.AdminEmail);
        Assert.Equal(new[] { false, false, false, false }, saved.All);
        Assert.Equal(new[] { true, true, true, true }, Ticked(page));
    }

    [Fact]
    public async Task A_value_no_checkbox_sends_saves_nothing_and_answers_422()
    {
        using var admin = await app.AdminBrowserAsync();
        var before = await MutesAsync(AdminAppFactory.AdminEmail);
        var page = await admin.GetAsync(Path);

        var refused = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Input.Spike"] = "maybe" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.NotEmpty(refused.Summary);
        Assert.Equal(before, await MutesAsync(AdminAppFactory.AdminEmail));
    }

    [Fact]
    public async Task A_member_who_is_not_an_admin_has_no_link_and_gets_404_on_the_page_and_its_post()
    {
        using var member = await app.SignUpMemberAsync();
        var account = await member.Browser.GetAsync("/Account/Manage");
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Null(account.Document.QuerySelector(NavLink));

        var page = await member.Browser.GetAsync(Path);
        var posted = await member.Browser.PostFieldsAsync(Path, new Dictionary<string, string> { ["Input.NewIssue"] = "false" }, followRedirects: false);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        var mutes = await MutesAsync(member.Email);
        Assert.Equal(new[] { false, false, false, false }, mutes.All);
    }

    [Fact]
    public async Task A_guest_is_sent_to_log_in()
    {
        using var guest = app.CreateBrowser();

        var page = await guest.GetAsync(Path, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/Account/Login", page.Response.Headers.Location!.PathAndQuery);
    }
}
