using System.ComponentModel.DataAnnotations;

namespace Vybe.Web.Readings;

/// <summary>Limits on making readings (section <c>Vybe:Readings</c>).</summary>
public sealed class ReadingOptions
{
    public const string Section = "Vybe:Readings";
    public const string AutoWriter = "auto";
    public const string BuiltInWriter = "builtin";
    public const string OpenAiWriter = "openai";
    public static readonly IReadOnlySet<string> Writers = new HashSet<string> { AutoWriter, BuiltInWriter, OpenAiWriter };

    /// <summary>auto (OpenAI when OpenAI:ApiKey is set, else built-in), builtin or openai.</summary>
    public string Writer { get; set; } = AutoWriter;

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
