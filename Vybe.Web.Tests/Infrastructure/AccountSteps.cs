using Vybe.Web.Accounts;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>The sign-up and log-in journeys, driven through the real forms.</summary>
public static class AccountSteps
{
    public const string StrongPassword = "violet tractor harbour 1987";

    public static string NewEmail(string who = "member") => $"{who}.{Guid.NewGuid():N}@example.com";

    public static async Task<HtmlBrowser.Page> SignUpAsync(this HtmlBrowser browser, string email, string password = StrongPassword,
        string? confirmation = null)
    {
        var page = await browser.GetAsync("/Account/Signup");
        return await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmation ?? password,
        });
    }

    /// <summary>Signs up, then confirms the address with the link from the e-mail, as a person would.</summary>
    public static async Task<HtmlBrowser.Page> SignUpAndConfirmAsync(this HtmlBrowser browser, string mailDirectory, string email,
        string password = StrongPassword)
    {
        await browser.SignUpAsync(email, password);
        return await browser.ConfirmEmailAsync(mailDirectory, email);
    }

    /// <summary>Opens the newest confirmation link sent to the address and presses its button.</summary>
    public static async Task<HtmlBrowser.Page> ConfirmEmailAsync(this HtmlBrowser browser, string mailDirectory, string email)
    {
        var message = await new Mailbox(mailDirectory).LatestAsync(email, AccountEmailMessages.ConfirmationSubject);
        var page = await browser.GetAsync(Mailbox.Link(message, "/Account/ConfirmEmail").PathAndQuery);
        return await browser.SubmitAsync(page);
    }

    /// <summary>Asks, on the account's page for it, for the address to change to <paramref name="newEmail"/>.</summary>
    public static async Task<HtmlBrowser.Page> RequestEmailChangeAsync(this HtmlBrowser browser, string newEmail, string password = StrongPassword)
    {
        var page = await browser.GetAsync("/Account/Manage/ChangeEmail");
        return await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
            ["Input.Password"] = password,
        });
    }

    public static async Task<HtmlBrowser.Page> LogInAsync(this HtmlBrowser browser, string email, string password = StrongPassword,
        bool rememberMe = false, string url = "/Account/Login", bool followRedirects = true)
    {
        var page = await browser.GetAsync(url);
        var values = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password };
        if (rememberMe)
        {
            values["Input.RememberMe"] = "true";
        }
        return await browser.SubmitAsync(page, values, followRedirects: followRedirects);
    }

    public static async Task LogOutAsync(this HtmlBrowser browser)
    {
        var page = await browser.GetAsync("/");
        await browser.SubmitAsync(page, formSelector: "header form[action='/Account/Logout']");
    }
}
