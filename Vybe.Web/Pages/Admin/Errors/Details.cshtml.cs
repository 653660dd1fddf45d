using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.ErrorLog;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Admin.Errors;

[NoStore]
public sealed class DetailsModel(ErrorLogQueries queries) : PageModel
{
    public ErrorLogDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await queries.DetailAsync(id, cancellationToken) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        return Page();
    }
}
