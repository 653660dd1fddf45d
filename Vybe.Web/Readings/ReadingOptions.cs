using System.ComponentModel.DataAnnotations;

namespace Vybe.Web.Readings;

/// <summary>Limits on making readings (section <c>Vybe:Readings</c>).</summary>
public sealed class ReadingOptions
{
    public const string Section = "Vybe:Readings";

    /// <summary>Readings a signed-in member may make per minute.</summary>
    [Range(1, 100_000)]
    public int PerMemberPerMinute { get; set; } = 30;

    /// <summary>Readings guests from one IP address may make per minute.</summary>
    [Range(1, 100_000)]
    public int PerGuestAddressPerMinute { get; set; } = 20;

    /// <summary>Readings anyone from one IP address (members and guests together) may make per minute.</summary>
    [Range(1, 100_000)]
    public int PerAddressPerMinute { get; set; } = 120;
}
