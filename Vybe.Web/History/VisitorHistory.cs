using System.Security.Claims;
using Vybe.Web.History.Storage;

namespace Vybe.Web.History;

/// <summary>Whose history the current visitor sees: the member's when signed in, else the guest cookie's.</summary>
public sealed class VisitorHistory(GuestHistoryCookie guestCookie, HistoryStore store)
{
    /// <summary>
    /// Whose history the visitor sees: the member's, else the guest cookie's, else <see cref="HistoryOwner.None"/>
    /// for a guest who has saved nothing yet. Pages take it as a handler parameter (<see cref="FromVisitorAttribute"/>).
    /// </summary>
    public HistoryOwner Current(HttpContext context) =>
        MemberId(context.User) is { } userId
            ? HistoryOwner.Member(userId)
            : guestCookie.Read(context) is { } guestId ? HistoryOwner.Guest(guestId) : HistoryOwner.None;

    /// <summary>The owner a new reading is saved for: the member, or the guest (issuing the cookie if needed).</summary>
    public HistoryOwner ForSaving(HttpContext context) =>
        MemberId(context.User) is { } userId ? HistoryOwner.Member(userId) : HistoryOwner.Guest(guestCookie.Ensure(context));

    /// <summary>After signup or login: the guest's readings join the account, and the guest cookie goes.</summary>
    public async Task<int> MergeGuestIntoAsync(HttpContext context, Guid userId, CancellationToken cancellationToken)
    {
        if (guestCookie.Read(context) is not { } guestId)
        {
            return 0;
        }
        var moved = await store.MergeGuestAsync(guestId, userId, cancellationToken);
        guestCookie.Clear(context);
        return moved;
    }

    public static Guid? MemberId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
