using System.Net.Http.Headers;

namespace Vybe.Web.Tests.Infrastructure.Pages;

/// <summary>
/// The home page's reading desk as tests drive it, through its real forms: every form id, field
/// name and error slot of the four reading forms and the photo's choice lives here, once.
/// </summary>
public static class HomePage
{
    public const string Time = "time";
    public const string Number = "number";
    public const string Compare = "compare";
    public const string Photo = "photo";

    /// <summary>The field names the forms post (the pages bind one <c>Input</c> each).</summary>
    public static class Fields
    {
        public const string Time = "Input.Time";
        public const string Number = "Input.Number";
        public const string First = "Input.First";
        public const string Second = "Input.Second";
        public const string Depth = "Input.Depth";
        public const string Photo = "Input.Photo";
        public const string Choice = "Input.Choice";
        public const string Offer = "Input.Offer";
    }

    /// <summary>The page that shows a form (<c>time</c>, <c>number</c>, <c>compare</c>, <c>photo</c>) in the home page's tabs.</summary>
    public static string Url(string form) => $"/?form={form}";

    /// <summary>The form element itself, which an htmx answer with errors replaces.</summary>
    public static string FormSelector(string form) => $"#{form}-form";

    /// <summary>The page each form posts to.</summary>
    public static string Action(string form) => form == Photo ? "/Readings/Photo?handler=Upload" : $"/Readings/{char.ToUpperInvariant(form[0])}{form[1..]}";

    public const string ChoiceFormSelector = "section.photo-choice form";

    /// <summary>The radio buttons of the photo's choice, one per candidate found.</summary>
    public const string ChoiceOptionsSelector = "section.photo-choice input[name='" + Fields.Choice + "']";

    /// <summary>The sealed offer the choice form carries.</summary>
    public const string OfferSelector = "section.photo-choice input[name='" + Fields.Offer + "']";

    /// <summary>The id of a field's control (<c>Input_Time</c>), as the tag helpers make it from its name.</summary>
    public static string FieldId(string field) => field.Replace('.', '_');

    /// <summary>The id of the text that shows a field's error (<c>Input_Time-error</c>).</summary>
    public static string ErrorId(string field) => $"{FieldId(field)}-error";

    public static Task<HtmlBrowser.Page> OpenAsync(this HtmlBrowser browser, string form) => browser.GetAsync(Url(form));

    /// <summary>Opens the form (time, number or compare), fills it and submits it, as a plain post or as htmx would.</summary>
    public static async Task<HtmlBrowser.Page> ReadAsync(this HtmlBrowser browser, string form, IDictionary<string, string> values,
        string? depth = "standard", bool htmx = false, bool followRedirects = true)
    {
        var page = await browser.OpenAsync(form);
        var fields = new Dictionary<string, string>(values);
        if (depth is not null)
        {
            fields[Fields.Depth] = depth;
        }
        return await browser.SubmitAsync(page.Form(FormSelector(form)), fields, page.Url, followRedirects, htmx,
            omit: depth is null ? [Fields.Depth] : null);
    }

    public static Task<HtmlBrowser.Page> ReadTimeAsync(this HtmlBrowser browser, string time, string? depth = "standard", bool htmx = false) =>
        browser.ReadAsync(Time, new Dictionary<string, string> { [Fields.Time] = time }, depth, htmx);

    public static Task<HtmlBrowser.Page> ReadNumberAsync(this HtmlBrowser browser, string number, string? depth = "standard", bool htmx = false) =>
        browser.ReadAsync(Number, new Dictionary<string, string> { [Fields.Number] = number }, depth, htmx);

    public static Task<HtmlBrowser.Page> CompareAsync(this HtmlBrowser browser, string first, string second, string? depth = "standard", bool htmx = false) =>
        browser.ReadAsync(Compare, new Dictionary<string, string> { [Fields.First] = first, [Fields.Second] = second }, depth, htmx);

    /// <summary>Uploads a photo through the photo form, as a browser sends it (multipart, with the form's antiforgery token).</summary>
    public static async Task<HtmlBrowser.Page> UploadPhotoAsync(this HtmlBrowser browser, byte[]? photo, string fileName = "photo.png",
        string contentType = "image/png", string depth = "standard", bool htmx = false)
    {
        var page = await browser.OpenAsync(Photo);
        var form = page.Form(FormSelector(Photo));
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        RequireField(form, Fields.Depth);
        RequireField(form, Fields.Photo);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(depth), Fields.Depth },
        };
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            content.Add(file, Fields.Photo, fileName);
        }
        return await browser.PostMultipartAsync(form.GetAttribute("action")!, content, htmx);
    }

    /// <summary>Picks one of the candidates the choice form offers and submits it.</summary>
    public static Task<HtmlBrowser.Page> ChooseCandidateAsync(this HtmlBrowser browser, HtmlBrowser.Page choicePage, string candidate, bool htmx = false) =>
        browser.SubmitAsync(choicePage.Form(ChoiceFormSelector), new Dictionary<string, string> { [Fields.Choice] = candidate }, choicePage.Url, htmx: htmx);

    /// <summary>A multipart post is built by hand: it fails here, as <see cref="HtmlBrowser.SubmitAsync(AngleSharp.Html.Dom.IHtmlFormElement, IDictionary{string, string}?, Uri?, bool, bool, IEnumerable{string}?)"/> does, when the form has no such field.</summary>
    private static void RequireField(AngleSharp.Html.Dom.IHtmlFormElement form, string name)
    {
        if (form.QuerySelector($"[name='{name}']") is null)
        {
            throw new InvalidOperationException($"The form #{form.Id} has no field named '{name}'.");
        }
    }
}
