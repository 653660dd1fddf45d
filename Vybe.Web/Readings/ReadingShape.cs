namespace Vybe.Web.Readings;

/// <summary>
/// What a reading at each depth looks like: the sections, their headings and how long they may be.
/// The built-in writer writes these headings; the OpenAI writer is asked for this shape and its
/// answer is checked against it.
/// </summary>
public sealed record ReadingShape(IReadOnlyList<string> Headings, int MinBodyLength, int MaxBodyLength, int MaxSentences, int QuestionCount)
{
    public const string NumbersHeading = "The numbers";
    public const string PatternHeading = "The pattern";
    public const string ThemesHeading = "Themes";
    public const string GuidanceHeading = "Guidance";
    public const string QuestionsHeading = "Questions for reflection";
    public const string TwoNumbersHeading = "The two numbers";
    public const string RelationHeading = "How they relate";
    public const string TogetherHeading = "Together";

    public static readonly IReadOnlyList<string> DeepHeadings =
    [
        NumbersHeading,
        PatternHeading,
        ThemesHeading,
        GuidanceHeading,
        QuestionsHeading,
    ];

    public static readonly IReadOnlyList<string> DeepComparisonHeadings =
    [
        TwoNumbersHeading,
        RelationHeading,
        TogetherHeading,
        GuidanceHeading,
        QuestionsHeading,
    ];

    public static ReadingShape For(ReadingDepth depth, bool comparison) => depth switch
    {
        ReadingDepth.Lite => new([""], 20, 400, 2, 0),
        ReadingDepth.Standard => new([""], 200, 1400, 8, 0),
        ReadingDepth.Deep => new(comparison ? DeepComparisonHeadings : DeepHeadings, 20, 1600, 14, 3),
        _ => throw new ArgumentOutOfRangeException(nameof(depth)),
    };

    /// <summary>How the shape is described to the model.</summary>
    public string Describe() => Headings.Count == 1
        ? $"Exactly one section with an empty heading, no points, and a body of at most {MaxSentences} sentences ({MinBodyLength} to {MaxBodyLength} characters)."
        : $"Exactly {Headings.Count} sections with these headings, in this order: {string.Join(", ", Headings.Select(h => $"\"{h}\""))}. " +
          $"Each body is {MinBodyLength} to {MaxBodyLength} characters. Only the last section has points: exactly {QuestionCount} questions for reflection; the others have none.";
}
