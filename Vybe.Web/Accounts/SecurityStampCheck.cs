using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vybe.Web.Accounts;

/// <summary>
/// Checks every signed-in request's cookie against the account's security stamp, so a password
/// change, a new address or a role change signs the member's other sessions out at their next
/// request. Identity's own validator, checking on every request, loaded the user, their claims and
/// their roles, rebuilt the principal and issued a new cookie each time; this one reads the stamp
/// (with the profile the pages need, <see cref="MemberProfiles"/>) in one query and keeps the
/// cookie's principal. Its roles stay current because every role change bumps the stamp
/// (<see cref="AdminGrants"/>): a cookie from before the change is signed out.
/// </summary>
public sealed class SecurityStampCheck(MemberProfiles members, IOptions<IdentityOptions> identity) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claimTypes = identity.Value.ClaimsIdentity;
        var principal = context.Principal;
        var cookieStamp = principal?.FindFirstValue(claimTypes.SecurityStampClaimType);
        var member = Guid.TryParse(principal?.FindFirstValue(claimTypes.UserIdClaimType), out var id)
            ? await members.FindAsync(id, context.HttpContext.RequestAborted)
            : null;
        if (member is not null && cookieStamp is not null && string.Equals(member.SecurityStamp, cookieStamp, StringComparison.Ordinal))
        {
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
