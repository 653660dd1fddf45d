namespace Vybe.Web.Tests.Infrastructure;

/// <summary>Making readings through the home page's real forms.</summary>
public static class ReadingSteps
{
    /// <summary>Opens the form (time, number or compare), fills it and submits it, as a plain post or as htmx would.</summary>
    public static async Task<HtmlBrowser.Page> ReadAsync(this HtmlBrowser browser, string form, IDictionary<string, string> values,
        string? depth = "standard", bool htmx = false, bool followRedirects = true)
    {
        var page = await browser.GetAsync($"/?form={form}");
        var fields = new Dictionary<string, string>(values);
        if (depth is not null)
        {
            fields["Depth"] = depth;
        }
        return await browser.SubmitAsync(page.Form($"#{form}-form"), fields, page.Url, followRedirects, htmx,
            omit: depth is null ? ["Depth"] : null);
    }

    public static Task<HtmlBrowser.Page> ReadTimeAsync(this HtmlBrowser browser, string time, string? depth = "standard", bool htmx = false) =>
        browser.ReadAsync("time", new Dictionary<string, string> { ["Time"] = time }, depth, htmx);

    public static Task<HtmlBrowser.Page> ReadNumberAsync(this HtmlBrowser browser, string number, string? depth = "standard", bool htmx = false) =>
        browser.ReadAsync("number", new Dictionary<string, string> { ["Number"] = number }, depth, htmx);

    public static Task<HtmlBrowser.Page> CompareAsync(this HtmlBrowser browser, string first, string second, string? depth = "standard", bool htmx = false) =>
        browser.ReadAsync("compare", new Dictionary<string, string> { ["First"] = first, ["Second"] = second }, depth, htmx);
}
