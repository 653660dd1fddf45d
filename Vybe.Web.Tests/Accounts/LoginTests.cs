using System.Net;
using Vybe.Web.Pages.Account;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Accounts;

public sealed class LoginTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private async Task<string> RegisteredEmailAsync()
    {
        var email = AccountSteps.NewEmail();
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        return email;
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Single(c => c.StartsWith("vybe.auth=", StringComparison.Ordinal))
            : throw new InvalidOperationException("No Set-Cookie header");

    [Fact]
    public async Task Login_with_valid_password_signs_in_and_goes_home()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();

        var page = await browser.LogInAsync(email);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/", page.Url.AbsolutePath);
        Assert.NotNull(page.Document.QuerySelector("header form[action='/Account/Logout']"));
    }

    [Fact]
    public async Task Login_with_wrong_password_and_unknown_email_show_the_same_message()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();

        var wrongPassword = await browser.LogInAsync(email, "not the right password at all");
        var unknownEmail = await browser.LogInAsync(AccountSteps.NewEmail("nobody"), "not the right password at all");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongPassword.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownEmail.Status);
        Assert.Equal(LoginModel.WrongCredentialsMessage, wrongPassword.Summary);
        Assert.Equal(wrongPassword.Summary, unknownEmail.Summary);
        Assert.Null(wrongPassword.Document.QuerySelector("header form[action='/Account/Logout']"));
    }

    [Fact]
    public async Task Login_locks_the_account_on_the_fifth_failure_even_for_the_right_password()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await browser.LogInAsync(email, $"wrong password number {attempt}");
            Assert.Equal(LoginModel.WrongCredentialsMessage, failed.Summary);
        }
        var beforeFifth = DateTimeOffset.UtcNow;
        var fifth = await browser.LogInAsync(email, "wrong password number 5");
        var afterFifth = DateTimeOffset.UtcNow;
        var rightPasswordWhileLocked = await browser.LogInAsync(email);

        Assert.Equal(LoginModel.LockedOutMessage, fifth.Summary);
        Assert.Equal(LoginModel.LockedOutMessage, rightPasswordWhileLocked.Summary);
        var lockoutEnd = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).LockoutEnd));
        Assert.NotNull(lockoutEnd);
        // 15 minutes from the fifth failure, whenever the machine got round to it (the database keeps microseconds).
        Assert.InRange(lockoutEnd.Value, beforeFifth.AddMinutes(15).AddMilliseconds(-1), afterFifth.AddMinutes(15).AddMilliseconds(1));
    }

    [Fact]
    public async Task Remember_me_gives_a_persistent_cookie_for_14_days()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();

        var response = (await browser.LogInAsync(email, rememberMe: true, followRedirects: false)).Response;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = AuthCookie(response);
        var expires = DateTimeOffset.Parse(cookie.Split(';').Single(p => p.Trim().StartsWith("expires=", StringComparison.Ordinal)).Trim()[8..]);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(13.9), TimeSpan.FromDays(14));
    }

    [Fact]
    public async Task Without_remember_me_the_cookie_is_a_session_cookie()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();

        var response = (await browser.LogInAsync(email, followRedirects: false)).Response;

        var cookie = AuthCookie(response);
        Assert.DoesNotContain("expires=", cookie);
        Assert.DoesNotContain("max-age=", cookie);
    }

    [Fact]
    public async Task Auth_cookie_is_httponly_and_samesite_lax_and_secure_over_https()
    {
        var email = await RegisteredEmailAsync();
        using var http = app.CreateBrowser();
        using var https = app.CreateBrowser(https: true);

        var overHttp = AuthCookie((await http.LogInAsync(email, followRedirects: false)).Response);
        var overHttps = AuthCookie((await https.LogInAsync(email, followRedirects: false)).Response);

        Assert.Contains("httponly", overHttp);
        Assert.Contains("samesite=lax", overHttp);
        Assert.Contains("httponly", overHttps);
        Assert.Contains("samesite=lax", overHttps);
        Assert.Contains("secure", overHttps);
    }

    [Fact]
    public async Task Logout_clears_the_session()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();
        await browser.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Manage", followRedirects: false)).Status);

        await browser.LogOutAsync();

        var after = await browser.GetAsync("/Account/Manage", followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/Account/Login", after.Response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Logout_by_get_does_not_sign_out()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();
        await browser.LogInAsync(email);

        await browser.GetAsync("/Account/Logout");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Manage", followRedirects: false)).Status);
    }

    [Fact]
    public async Task Protected_page_redirects_to_login_and_returns_there_after_login()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();

        var redirect = await browser.GetAsync("/Account/Manage/ChangePassword", followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, redirect.Status);
        var loginUrl = redirect.Response.Headers.Location!.PathAndQuery;
        Assert.Equal("/Account/Login?ReturnUrl=%2FAccount%2FManage%2FChangePassword", loginUrl);

        var page = await browser.LogInAsync(email, url: loginUrl);

        Assert.Equal("/Account/Manage/ChangePassword", page.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task Login_ignores_a_return_url_to_another_site()
    {
        var email = await RegisteredEmailAsync();
        using var browser = app.CreateBrowser();

        var response = (await browser.LogInAsync(email, url: "/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", followRedirects: false)).Response;

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
