using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Accounts;
using Vybe.Web.Data;

namespace Vybe.Web.Pages.Admin;

public sealed class IndexModel(VybeDbContext db, UserManager<VybeUser> users) : PageModel
{
    public int MemberCount { get; private set; }
    public IReadOnlyList<string> AdminEmails { get; private set; } = [];
    public int ErrorLogCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MemberCount = await db.Users.CountAsync(cancellationToken);
        AdminEmails = (await users.GetUsersInRoleAsync(VybeRole.Admin)).Select(u => u.Email ?? "").Order().ToList();
        ErrorLogCount = await db.ErrorLogs.CountAsync(cancellationToken);
    }
}
