using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Vybe.Web.Web;

/// <summary>
/// <c>&lt;heading level="2"&gt;</c> renders as <c>&lt;h2&gt;</c>: for partials whose headings
/// sit at different depths depending on the page (a reading is the page's h1 on its own page and
/// an h2 under the home page's h1).
/// </summary>
[HtmlTargetElement("heading")]
public sealed class HeadingTagHelper : TagHelper
{
    public int Level { get; set; } = 2;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = $"h{Math.Clamp(Level, 1, 6)}";
        output.TagMode = TagMode.StartTagAndEndTag;
    }
}
