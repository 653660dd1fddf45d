using System.Net.Http.Headers;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>Uploading a photo through the home page's photo form, as a browser sends it.</summary>
public static class PhotoSteps
{
    public static async Task<HtmlBrowser.Page> UploadPhotoAsync(this HtmlBrowser browser, byte[]? photo, string fileName = "photo.png",
        string contentType = "image/png", string depth = "standard", bool htmx = false)
    {
        var page = await browser.GetAsync("/?form=photo");
        var form = page.Form("#photo-form");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(depth), "Depth" },
        };
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            content.Add(file, "Photo", fileName);
        }
        return await browser.PostMultipartAsync(form.GetAttribute("action")!, content, htmx);
    }

    /// <summary>Picks one of the candidates the choice form offers and submits it.</summary>
    public static Task<HtmlBrowser.Page> ChooseCandidateAsync(this HtmlBrowser browser, HtmlBrowser.Page choicePage, string candidate, bool htmx = false) =>
        browser.SubmitAsync(choicePage.Form("section.photo-choice form"), new Dictionary<string, string> { ["Choice"] = candidate }, choicePage.Url, htmx: htmx);
}
