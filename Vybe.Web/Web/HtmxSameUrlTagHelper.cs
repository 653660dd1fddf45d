using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Vybe.Web.Web;

/// <summary>
/// Lets a form or a link name its URL once. An empty <c>hx-post</c> or <c>hx-get</c> on a form takes
/// the form's <c>action</c>, and an empty <c>hx-get</c> on a link its <c>href</c>, as <c>asp-page</c>
/// (or the markup) wrote them: the plain request and the htmx one cannot go to different places.
/// </summary>
[HtmlTargetElement("form", Attributes = "hx-post")]
[HtmlTargetElement("form", Attributes = "hx-get")]
[HtmlTargetElement("a", Attributes = "hx-get")]
public sealed class HtmxSameUrlTagHelper : TagHelper
{
    // After the framework's form and anchor tag helpers (order -1000) have written the action and href.
    public override int Order => 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var source = output.TagName == "form" ? "action" : "href";
        var verb = output.Attributes.ContainsName("hx-post") ? "hx-post" : "hx-get";
        if (!output.Attributes.TryGetAttribute(verb, out var request) || !string.IsNullOrEmpty(request.Value?.ToString()))
        {
            return;
        }
        if (!output.Attributes.TryGetAttribute(source, out var url))
        {
            throw new InvalidOperationException($"An empty {verb} takes the element's {source}, and this <{output.TagName}> has none: give it asp-page.");
        }
        output.Attributes.SetAttribute(verb, url.Value);
    }
}
