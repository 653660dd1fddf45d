using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// Reads pages and submits forms the way a browser without JavaScript does: it finds the form,
/// keeps every field the server rendered (the antiforgery token among them), fills in what the
/// test types and posts it to the form's action. Redirects are followed by hand so tests can see them.
/// </summary>
public sealed class HtmlBrowser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document, Uri Url)
    {
        public HttpStatusCode Status => Response.StatusCode;

        public string Text => Document.Body?.TextContent ?? "";

        public IHtmlFormElement Form(string? selector = null) =>
            (IHtmlFormElement?)Document.QuerySelector(selector ?? "main form")
            ?? throw new InvalidOperationException($"No form '{selector ?? "main form"}' on {Url}: {Text}");

        /// <summary>The error text shown next to a field, or in the form's summary.</summary>
        public string ErrorFor(string fieldName) =>
            Document.QuerySelector($"[data-valmsg-for='{fieldName}']")?.TextContent.Trim() ?? "";

        public string Summary => Document.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? "";
    }

    public async Task<Page> GetAsync(string url, bool followRedirects = true, bool htmx = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        var response = await Client.SendAsync(request);
        return await ReadAsync(response, followRedirects);
    }

    public async Task<Page> SubmitAsync(IHtmlFormElement form, IDictionary<string, string>? values = null, Uri? pageUrl = null,
        bool followRedirects = true, bool htmx = false, IEnumerable<string>? omit = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button"):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }
        // A test that fills a field the form does not have would post it anyway and pass for the wrong
        // reason: the server binds it from the request, not from the form a person sees. So it fails here,
        // as Identity's functional tests do, and renaming a form field breaks the tests that fill it.
        var missing = (values?.Keys ?? []).Concat(omit ?? []).Where(name => !HasField(form, name)).ToList();
        if (missing.Count > 0)
        {
            var present = string.Join(", ", form.Elements.OfType<IHtmlElement>().Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n)).Distinct());
            throw new InvalidOperationException(
                $"The form {Describe(form)} has no field named {string.Join(", ", missing.Select(n => $"'{n}'"))}; its fields are: {present}.");
        }
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            // A checkbox that is ticked sends "true"; the framework also reads its hidden "false" companion.
            fields.Insert(0, new(name, value));
        }
        foreach (var name in omit ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl?.PathAndQuery ?? "/" : form.GetAttribute("action")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        if (htmx)
        {
            // What htmx sends for a form with hx-post (not boosted).
            request.Headers.Add("HX-Request", "true");
        }
        var response = await Client.SendAsync(request);
        return await ReadAsync(response, followRedirects);
    }

    /// <summary>Whether the form has a control by that name (an unchecked box or radio sends nothing, but is there to fill).</summary>
    private static bool HasField(IHtmlFormElement form, string name) =>
        form.Elements.OfType<IHtmlElement>().Any(element => element.GetAttribute("name") == name);

    private static string Describe(IHtmlFormElement form) =>
        form.Id is { Length: > 0 } id ? $"#{id}" : $"posting to '{form.GetAttribute("action")}'";

    /// <summary>
    /// Posts exactly these fields to a path, with a valid antiforgery token taken from the log-in form:
    /// for forms a test cannot open (a link's form that an expired link never renders). Unlike
    /// <see cref="SubmitAsync(IHtmlFormElement, IDictionary{string, string}?, Uri?, bool, bool, IEnumerable{string}?)"/>
    /// it cannot notice a renamed field, so tests use it only where no form is shown.
    /// </summary>
    public async Task<Page> PostFieldsAsync(string path, IDictionary<string, string> fields, bool followRedirects = true)
    {
        var login = await GetAsync("/Account/Login");
        var token = login.Form().QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The log-in form carries no antiforgery token.");
        var posted = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(posted) };
        var response = await Client.SendAsync(request);
        return await ReadAsync(response, followRedirects);
    }

    /// <summary>Posts a multipart form (a file upload) as the browser would, as a plain post or as htmx sends it.</summary>
    public async Task<Page> PostMultipartAsync(string action, MultipartFormDataContent content, bool htmx = false, bool followRedirects = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = content };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        var response = await Client.SendAsync(request);
        return await ReadAsync(response, followRedirects);
    }

    public Task<Page> SubmitAsync(Page page, IDictionary<string, string>? values = null, string? formSelector = null,
        bool followRedirects = true) =>
        SubmitAsync(page.Form(formSelector), values, page.Url, followRedirects);

    private async Task<Page> ReadAsync(HttpResponseMessage response, bool followRedirects)
    {
        var hops = 0;
        while (followRedirects && IsRedirect(response.StatusCode) && hops++ < 10)
        {
            var location = response.Headers.Location!;
            response = await Client.GetAsync(location);
        }
        var html = await response.Content.ReadAsStringAsync();
        var document = await Parser.ParseDocumentAsync(html);
        var url = response.RequestMessage?.RequestUri ?? Client.BaseAddress!;
        return new Page(response, document, url);
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    public void Dispose() => Client.Dispose();
}
