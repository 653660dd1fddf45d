using System.ComponentModel.DataAnnotations;

namespace Vybe.Web.History;

/// <summary>How much history is kept (section <c>Vybe:History</c>).</summary>
public sealed class HistoryOptions
{
    public const string Section = "Vybe:History";

    [Range(1, 10_000)]
    public int MemberCap { get; set; } = 100;

    [Range(1, 1_000)]
    public int GuestCap { get; set; } = 20;

    [Range(1, 365)]
    public int GuestRetentionDays { get; set; } = 30;

    [Range(1, 100)]
    public int PageSize { get; set; } = 20;

    public TimeSpan GuestRetention => TimeSpan.FromDays(GuestRetentionDays);
}
