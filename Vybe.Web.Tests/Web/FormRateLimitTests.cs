using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vybe.TestSupport.Photos;
using Vybe.Web.Accounts;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// Small per-address limits on the account forms and the photo upload. Every test client shares one
/// address, so each test class below gets an app of its own and uses up one allowance only.
/// </summary>
public sealed class SmallFormLimitsApp : VybeAppFactory
{
    public const int Logins = 3;
    public const int Signups = 2;
    public const int PasswordResets = 2;
    public const int Uploads = 2;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Vybe:RateLimits:LoginPerMinute"] = Logins.ToString(),
        ["Vybe:RateLimits:SignupPerMinute"] = Signups.ToString(),
        ["Vybe:RateLimits:AccountRecoveryPerMinute"] = PasswordResets.ToString(),
        ["Vybe:RateLimits:UploadsPerMinute"] = Uploads.ToString(),
    };
}

public static class RateLimitAssertions
{
    /// <summary>429 with Retry-After, and the whole page around a message saying how long to wait.</summary>
    public static void IsRefusedWithRetryAfter(HtmlBrowser.Page page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        var seconds = page.Response.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds is > 0 and <= 60, $"Retry-After: {page.Response.Headers.RetryAfter}");
        Assert.Contains($"Please wait {seconds} seconds", page.Text);
        Assert.NotNull(page.Document.QuerySelector("header.site-header"));
    }
}

public sealed class LoginRateLimitTests(SmallFormLimitsApp app) : IClassFixture<SmallFormLimitsApp>
{
    [Fact]
    public async Task Log_in_attempts_beyond_the_limit_get_429_and_are_not_tried_against_the_account()
    {
        var email = AccountSteps.NewEmail();
        using (var member = app.CreateBrowser())
        {
            await member.SignUpAsync(email);
        }
        using var browser = app.CreateBrowser();
        for (var attempt = 0; attempt < SmallFormLimitsApp.Logins; attempt++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await browser.LogInAsync(email, "wrong password, attempt " + attempt)).Status);
        }

        // The right password now: refused before it is checked, so it neither signs in nor counts as a failure.
        var refused = await browser.LogInAsync(email);

        // The same post as htmx sends it from the boosted form: the whole page again, since htmx swaps the body.
        var form = (await browser.GetAsync("/Account/Login")).Form();
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var boostedPost = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = AccountSteps.StrongPassword,
            }),
        };
        boostedPost.Headers.Add("HX-Request", "true");
        boostedPost.Headers.Add("HX-Boosted", "true");
        var boostedResponse = await browser.Client.SendAsync(boostedPost);
        var boosted = new HtmlBrowser.Page(boostedResponse,
            new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await boostedResponse.Content.ReadAsStringAsync()), boostedPost.RequestUri!);

        RateLimitAssertions.IsRefusedWithRetryAfter(refused);
        RateLimitAssertions.IsRefusedWithRetryAfter(boosted);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Account/Manage", followRedirects: false)).Status);
        var failures = await app.WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant())
            .Select(u => u.AccessFailedCount).SingleAsync());
        Assert.Equal(SmallFormLimitsApp.Logins, failures);
        // Showing the form is never limited.
        for (var look = 0; look <= SmallFormLimitsApp.Logins; look++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Login")).Status);
        }
    }
}

public sealed class SignupRateLimitTests(SmallFormLimitsApp app) : IClassFixture<SmallFormLimitsApp>
{
    private Task<int> UsersAsync() => app.WithDbAsync(db => db.Users.CountAsync());

    [Fact]
    public async Task Sign_ups_beyond_the_limit_get_429_and_create_no_account()
    {
        for (var signup = 0; signup < SmallFormLimitsApp.Signups; signup++)
        {
            using var member = app.CreateBrowser();
            var welcome = await member.SignUpAsync(AccountSteps.NewEmail());
            Assert.Equal(HttpStatusCode.OK, welcome.Status);
            Assert.Contains("Your account is ready", welcome.Text);
        }
        var usersBefore = await UsersAsync();
        using var browser = app.CreateBrowser();
        var email = AccountSteps.NewEmail("refused");

        var refused = await browser.SignUpAsync(email);

        RateLimitAssertions.IsRefusedWithRetryAfter(refused);
        Assert.Equal(usersBefore, await UsersAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Signup")).Status);
    }
}

public sealed partial class PasswordResetRateLimitTests(SmallFormLimitsApp app) : IClassFixture<SmallFormLimitsApp>
{
    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();

    [Fact]
    public async Task Reset_requests_and_new_password_posts_share_one_limit_and_a_refused_one_sends_and_changes_nothing()
    {
        var email = AccountSteps.NewEmail();
        using (var member = app.CreateBrowser())
        {
            await member.SignUpAsync(email);
        }
        using var browser = app.CreateBrowser();
        for (var request = 0; request < SmallFormLimitsApp.PasswordResets; request++)
        {
            var forgot = await browser.GetAsync("/Account/ForgotPassword");
            Assert.Contains("we have sent it a link", (await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Email"] = email })).Text);
        }
        var mailbox = new Mailbox(app.MailPickupDirectory);
        var mails = await mailbox.WaitForAsync(email, AccountEmailMessages.PasswordResetSubject, SmallFormLimitsApp.PasswordResets);

        var forgotAgain = await browser.GetAsync("/Account/ForgotPassword");
        var refusedRequest = await browser.SubmitAsync(forgotAgain, new Dictionary<string, string> { ["Input.Email"] = email });
        var link = new Uri(ResetLink().Match(mails[^1].TextBody ?? "").Value);
        var resetPage = await browser.GetAsync(link.PathAndQuery);
        var refusedReset = await browser.SubmitAsync(resetPage, new Dictionary<string, string>
        {
            ["Input.Password"] = "copper meadow whistle 2040",
            ["Input.ConfirmPassword"] = "copper meadow whistle 2040",
        });

        RateLimitAssertions.IsRefusedWithRetryAfter(refusedRequest);
        Assert.Equal(HttpStatusCode.OK, resetPage.Status);
        RateLimitAssertions.IsRefusedWithRetryAfter(refusedReset);
        // The refused request never reached the page, so it queued nothing.
        Assert.Equal(SmallFormLimitsApp.PasswordResets, (await mailbox.To(email, AccountEmailMessages.PasswordResetSubject)).Count);
        using var owner = app.CreateBrowser();
        Assert.Equal("/", (await owner.LogInAsync(email)).Url.AbsolutePath); // the old password still works
    }
}

public sealed class UploadRateLimitTests(SmallFormLimitsApp app) : IClassFixture<SmallFormLimitsApp>
{
    [Fact]
    public async Task Photo_uploads_have_their_own_smaller_limit_that_typed_readings_do_not_touch()
    {
        using var browser = app.CreateBrowser();
        var photo = TestPhotos.LockScreen("11:11");
        for (var upload = 0; upload < SmallFormLimitsApp.Uploads; upload++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.UploadPhotoAsync(photo)).Status);
        }
        var readingsBefore = await app.WithDbAsync(db => db.Readings.CountAsync());

        var refused = await browser.UploadPhotoAsync(photo);
        var refusedHtmx = await browser.UploadPhotoAsync(photo, htmx: true);

        RateLimitAssertions.IsRefusedWithRetryAfter(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedHtmx.Status);
        Assert.NotNull(refusedHtmx.Document.QuerySelector("p.alert-error[role='alert']"));
        Assert.Equal(readingsBefore, await app.WithDbAsync(db => db.Readings.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await browser.ReadNumberAsync("444")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(HomePage.Url(HomePage.Photo))).Status);
    }
}
