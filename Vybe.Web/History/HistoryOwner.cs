namespace Vybe.Web.History;

/// <summary>Whose history: a member's (by user id) or a guest's (by the id in the guest cookie).</summary>
public readonly record struct HistoryOwner
{
    private HistoryOwner(Guid? userId, Guid? guestId)
    {
        UserId = userId;
        GuestId = guestId;
    }

    public Guid? UserId { get; }

    public Guid? GuestId { get; }

    public bool IsMember => UserId is not null;

    /// <summary>A guest who has saved nothing yet (no guest cookie): there is no history to read, and none to change.</summary>
    public static HistoryOwner None => default;

    public bool IsNone => UserId is null && GuestId is null;

    public static HistoryOwner Member(Guid userId) => new(userId, null);

    public static HistoryOwner Guest(Guid guestId) => new(null, guestId);

    /// <summary>A number for database advisory locks: saves of one owner queue behind each other.</summary>
    public long LockKey
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            (UserId ?? GuestId ?? Guid.Empty).TryWriteBytes(bytes);
            return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
        }
    }
}
