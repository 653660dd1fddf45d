using System.Net;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Web;

public sealed class AntiforgeryTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Signup")]
    [InlineData("/Account/Logout")]
    [InlineData("/Account/ForgotPassword")]
    public async Task Post_without_antiforgery_token_is_rejected_with_400_and_changes_nothing(string path)
    {
        using var browser = app.CreateBrowser();
        await browser.GetAsync(path); // the antiforgery cookie alone is not enough
        var usersBefore = await app.WithDbAsync(db => Task.FromResult(db.Users.Count()));

        var response = await browser.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = AccountSteps.NewEmail(),
            ["Input.Password"] = AccountSteps.StrongPassword,
            ["Input.ConfirmPassword"] = AccountSteps.StrongPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(usersBefore, await app.WithDbAsync(db => Task.FromResult(db.Users.Count())));
    }

    [Fact]
    public async Task Post_with_the_token_in_the_htmx_header_from_the_meta_tag_is_accepted()
    {
        using var browser = app.CreateBrowser();
        var page = await browser.GetAsync("/Account/Login");
        var token = page.Document.QuerySelector("meta[name='request-verification-token']")!.GetAttribute("content")!;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = AccountSteps.NewEmail("nobody"),
                ["Input.Password"] = "whatever it is here",
            }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("HX-Request", "true");
        var response = await browser.Client.SendAsync(request);

        // Past the antiforgery check: the login itself fails, as it should for an unknown account.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
