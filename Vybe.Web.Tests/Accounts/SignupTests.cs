using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Accounts;

public sealed class SignupTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private Task<int> CountUsersAsync(string email) =>
        app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    [Fact]
    public async Task Signup_with_valid_details_creates_the_account_and_signs_in()
    {
        using var browser = app.CreateBrowser();
        var email = AccountSteps.NewEmail();

        var page = await browser.SignUpAsync(email);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/", page.Url.AbsolutePath);
        Assert.Contains("Your account is ready", page.Text);
        Assert.NotNull(page.Document.QuerySelector("header form[action='/Account/Logout']"));
        Assert.Equal(1, await CountUsersAsync(email));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("")]
    public async Task Signup_with_bad_email_shows_message_and_creates_nothing(string email)
    {
        using var browser = app.CreateBrowser();
        var usersBefore = await app.WithDbAsync(db => db.Users.CountAsync());

        var page = await browser.SignUpAsync(email);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("e-mail address", page.ErrorFor("Input.Email"));
        Assert.Equal("true", page.Document.QuerySelector("#Input_Email")?.GetAttribute("aria-invalid"));
        Assert.Equal(usersBefore, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData("short1", "at least 10 characters")]
    [InlineData("password1234", "too easy to guess")]
    [InlineData("qwertyuiop", "too easy to guess")]
    [InlineData("aaaaaaaaaaaa", "too easy to guess")]
    public async Task Signup_with_weak_password_explains_why_and_creates_nothing(string password, string reason)
    {
        using var browser = app.CreateBrowser();
        var email = AccountSteps.NewEmail();

        var page = await browser.SignUpAsync(email, password);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains(reason, page.ErrorFor("Input.Password"));
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact]
    public async Task Signup_accepts_a_long_passphrase_without_digits_or_capitals()
    {
        using var browser = app.CreateBrowser();
        var email = AccountSteps.NewEmail();

        var page = await browser.SignUpAsync(email, "marble otter lantern quietly");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(1, await CountUsersAsync(email));
    }

    [Fact]
    public async Task Signup_with_mismatched_confirmation_shows_message_and_creates_nothing()
    {
        using var browser = app.CreateBrowser();
        var email = AccountSteps.NewEmail();

        var page = await browser.SignUpAsync(email, AccountSteps.StrongPassword, "something else entirely 42");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("The two passwords do not match.", page.ErrorFor("Input.ConfirmPassword"));
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact]
    public async Task Signup_with_duplicate_email_is_refused_politely_and_creates_nothing()
    {
        var email = AccountSteps.NewEmail();
        using (var first = app.CreateBrowser())
        {
            await first.SignUpAsync(email);
        }
        using var browser = app.CreateBrowser();

        var page = await browser.SignUpAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(
            "An account with this e-mail address already exists. Log in instead, or reset your password if you have forgotten it.",
            page.ErrorFor("Input.Email"));
        Assert.Equal(1, await CountUsersAsync(email));
    }

    [Fact]
    public async Task Signup_form_keeps_the_email_but_never_echoes_the_password()
    {
        using var browser = app.CreateBrowser();
        var email = AccountSteps.NewEmail();

        var page = await browser.SignUpAsync(email, "short1");

        Assert.Equal(email, page.Document.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(page.Document.QuerySelector("#Input_Password")?.GetAttribute("value")));
    }
}
