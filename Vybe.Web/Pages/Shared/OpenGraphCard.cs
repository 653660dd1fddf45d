namespace Vybe.Web.Pages.Shared;

/// <summary>
/// The card a link shows when pasted into a chat or a feed (Open Graph and Twitter tags, written by
/// _OpenGraph.cshtml in the layout's head). URLs are absolute, as those crawlers require.
/// </summary>
public sealed record OpenGraphCard(string Title, string Description, string PageUrl, string ImageUrl, string ImageAlt, int ImageWidth, int ImageHeight)
{
    /// <summary>ViewData key a page sets to an <see cref="OpenGraphCard"/>.</summary>
    public const string ViewDataKey = "OpenGraphCard";
}
