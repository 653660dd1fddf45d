using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.ErrorLog;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Admin.Errors;

[NoStore]
public sealed class DigestModel(ErrorLogQueries queries) : PageModel
{
    public ErrorLogDigest Digest { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Digest = await queries.DigestAsync(cancellationToken);

    /// <summary>An issue's page (<c>~/Admin/Errors/Issues/{id}</c>), for <c>Url.Content</c>.</summary>
    public static string IssuePath(long issueId) => FormattableString.Invariant($"~/Admin/Errors/Issues/{issueId}");

    /// <summary>Width of a count's bar, out of 100, against the largest count of its table.</summary>
    public static int BarWidth(int count, int largest) => largest == 0 ? 0 : (int)Math.Round(100.0 * count / largest);
}

/// <summary>One table of counts in a digest window: by level or by service.</summary>
public sealed record CountTableView(string Id, string Caption, string KeyHeading, IReadOnlyList<DigestCount> Counts, bool Badges = false);
