using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Vybe.Web.Accounts;
using Vybe.Web.History;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Readings;

/// <summary>
/// What <c>_PersonalDay</c> shows under a member's own reading: the personal day of the day the number
/// was seen (in the member's zone) and how the reading's core number relates to it; or, without a birth
/// date, <see cref="Relation"/> is null and the partial invites the member to give one.
/// </summary>
public sealed record PersonalDayView(DateOnly SeenOn, string ZoneId, PersonalDayRelation? Relation, int HeadingLevel);

/// <summary>
/// Works the personal day out when the reading is shown, never stored: the member may change the
/// reading's seen-at time, the birth date or the zone at any moment. Renders nothing for guests,
/// for comparisons (two numbers, no one sighting) and for unreadable rows. Pages include it only
/// where the owner looks (the permalink, the home page's answer), never on a shared link.
/// </summary>
public sealed class PersonalDayViewComponent(MemberProfiles members, VisitorTimeZones zones) : ViewComponent
{
    public const string ViewPath = "/Pages/Readings/_PersonalDay.cshtml";

    public async Task<IViewComponentResult> InvokeAsync(ReadingView reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!Guid.TryParse(UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || reading.Facts is not { } facts || reading.Row.UserId != userId)
        {
            return Content("");
        }
        var cancellationToken = HttpContext.RequestAborted;
        var birthDate = (await members.FindAsync(userId, cancellationToken))?.BirthDate;
        var zone = await zones.ForAsync(HttpContext, cancellationToken);
        var seenOn = DateOnly.FromDateTime(zone.ToLocal(reading.Row.SeenAt).DateTime);
        var relation = birthDate is { } birth ? PersonalNumbers.Relate(facts.CoreNumber, PersonalNumbers.PersonalDay(birth, seenOn)) : null;
        // One level below the reading's title: h2 on the permalink, h3 in the home page's answer.
        var headingLevel = (ViewData[ReadingView.TitleLevelKey] as int? ?? 2) + 1;
        return View(ViewPath, new PersonalDayView(seenOn, zone.Id, relation, headingLevel));
    }
}
