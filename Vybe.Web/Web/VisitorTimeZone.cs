using System.Security.Claims;
using Vybe.Web.Accounts;
using Vybe.Web.Data;

namespace Vybe.Web.Web;

/// <summary>Where the zone the server shows times in came from.</summary>
public enum TimeZoneSource
{
    /// <summary>Nothing said which zone: times are UTC, and pages label them so.</summary>
    Utc,

    /// <summary>The browser's zone, reported by the page script in the <see cref="VisitorTimeZones.CookieName"/> cookie.</summary>
    Browser,

    /// <summary>The zone the member chose in their account; it wins over the browser's.</summary>
    Account,
}

/// <summary>The zone a visitor's times, hours, weekdays and personal days are taken in.</summary>
public sealed record VisitorTimeZone(TimeZoneInfo Zone, TimeZoneSource Source)
{
    public static VisitorTimeZone Utc { get; } = new(TimeZoneInfo.Utc, TimeZoneSource.Utc);

    /// <summary>The IANA id, such as Europe/Paris (UTC when nothing chose one).</summary>
    public string Id => Source == TimeZoneSource.Utc ? "UTC" : Zone.Id;

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}

/// <summary>
/// Finds the visitor's zone: the member's account setting, else the browser's zone from the cookie
/// the page script sets, else UTC. Scoped: the answer is worked out once per request, from the account
/// row the security-stamp check already read (<see cref="MemberProfiles"/>).
/// </summary>
public sealed class VisitorTimeZones(MemberProfiles members)
{
    /// <summary>Set by wwwroot/js to the browser's IANA zone (Intl.DateTimeFormat().resolvedOptions().timeZone).</summary>
    public const string CookieName = "vybe-tz";

    private VisitorTimeZone? resolved;

    public async Task<VisitorTimeZone> ForAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        if (resolved is not null)
        {
            return resolved;
        }
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (Guid.TryParse(userId, out var id))
        {
            var member = await members.FindAsync(id, cancellationToken);
            if (TryFind(member?.TimeZone, out var zone))
            {
                return resolved = new VisitorTimeZone(zone, TimeZoneSource.Account);
            }
        }
        if (TryFind(context.Request.Cookies[CookieName], out var browserZone))
        {
            return resolved = new VisitorTimeZone(browserZone, TimeZoneSource.Browser);
        }
        return resolved = VisitorTimeZone.Utc;
    }

    /// <summary>True for a known IANA zone id; anything else (empty, made up, too long) is refused.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > VybeUserConfiguration.TimeZoneMaxLength)
        {
            return false;
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !found.HasIanaId)
        {
            return false;
        }
        zone = found;
        return true;
    }

    /// <summary>Every zone a member can choose, by IANA id.</summary>
    public static IReadOnlyList<string> All { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal).ToList();
}
