using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;

namespace Vybe.Web.Accounts;

/// <summary>What a signed-in member's requests need from their account row.</summary>
public sealed record MemberProfile(Guid Id, string? SecurityStamp, string? TimeZone, DateOnly? BirthDate);

/// <summary>
/// The signed-in member's account row as this request found it. The security-stamp check
/// (<see cref="SecurityStampCheck"/>) reads it at the start of every signed-in request in one small
/// query, and the pages that need the member's zone or birth date take it from here instead of asking
/// the database again. Scoped: a change saved during the request is seen by the next one (every page
/// that saves one redirects).
/// </summary>
public sealed class MemberProfiles(VybeDbContext db)
{
    private MemberProfile? found;

    public async Task<MemberProfile?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (found?.Id == id)
        {
            return found;
        }
        return found = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new MemberProfile(u.Id, u.SecurityStamp, u.TimeZone, u.BirthDate))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
