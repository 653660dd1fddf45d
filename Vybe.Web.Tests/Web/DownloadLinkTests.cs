using System.Text.RegularExpressions;
using Vybe.TestSupport;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// The layout boosts every link with htmx, and htmx boosts a link with a <c>download</c> attribute
/// too: it would fetch the file with XHR and swap it into the page instead of saving it. So each
/// download link in the views must opt out.
/// </summary>
public sealed partial class DownloadLinkTests
{
    [Fact]
    public void Every_download_link_in_the_views_opts_out_of_hx_boost()
    {
        var pages = Path.Combine(RepositoryPaths.Root, "Vybe.Web", "Pages");
        var links = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => AnchorTag().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetRelativePath(pages, file), Tag: match.Value)))
            .Where(link => DownloadAttribute().IsMatch(link.Tag))
            .ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.True(link.Tag.Contains("hx-boost=\"false\"", StringComparison.Ordinal), $"{link.File}: {link.Tag}"));
    }

    [GeneratedRegex(@"<a\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"\sdownload(\s|=|>)")]
    private static partial Regex DownloadAttribute();
}
