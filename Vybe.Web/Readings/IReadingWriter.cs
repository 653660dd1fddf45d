using System.Text.Json.Serialization;

namespace Vybe.Web.Readings;

/// <summary>
/// One part of a written reading. Lite and standard readings have one section without a heading;
/// deep readings have headed sections, and <see cref="Points"/> holds list items such as the
/// questions for reflection. Always plain text: pages encode it, nothing is rendered as HTML.
/// </summary>
public sealed record ReadingSection
{
    [JsonConstructor]
    public ReadingSection(string heading, string body, IReadOnlyList<string> points)
    {
        Heading = heading;
        Body = body;
        Points = points;
    }

    public ReadingSection(string heading, string body)
        : this(heading, body, [])
    {
    }

    public string Heading { get; }

    public string Body { get; }

    public IReadOnlyList<string> Points { get; }
}

/// <summary>The prose of a reading, which writer produced it, and a short note for the visitor when a fallback was used.</summary>
public sealed record WrittenReading(string Writer, IReadOnlyList<ReadingSection> Sections, string? Note = null);

/// <summary>Turns the engine's facts into prose at a depth. Writers never compute numbers.</summary>
public interface IReadingWriter
{
    Task<WrittenReading> WriteAsync(NumerologyFacts facts, ReadingDepth depth, CancellationToken cancellationToken);

    Task<WrittenReading> WriteComparisonAsync(ComparisonFacts comparison, ReadingDepth depth, CancellationToken cancellationToken);
}
