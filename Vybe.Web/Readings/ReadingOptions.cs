namespace Vybe.Web.Readings;

/// <summary>How readings are written (section <c>Vybe:Readings</c>). Their rate limits are in <c>Vybe:RateLimits</c>.</summary>
public sealed class ReadingOptions
{
    public const string Section = "Vybe:Readings";
    public const string AutoWriter = "auto";
    public const string BuiltInWriter = "builtin";
    public const string OpenAiWriter = "openai";
    public static readonly IReadOnlySet<string> Writers = new HashSet<string> { AutoWriter, BuiltInWriter, OpenAiWriter };

    /// <summary>auto (OpenAI when OpenAI:ApiKey is set, else built-in), builtin or openai.</summary>
    public string Writer { get; set; } = AutoWriter;
}
