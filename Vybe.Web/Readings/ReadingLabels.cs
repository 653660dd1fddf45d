namespace Vybe.Web.Readings;

/// <summary>The words pages use for the engine's facts.</summary>
public static class ReadingLabels
{
    public static string Label(this ReadingKind kind) => kind switch
    {
        ReadingKind.Time => "Time",
        ReadingKind.Number => "Number",
        ReadingKind.Image => "Photo",
        ReadingKind.Compare => "Comparison",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Label(this NumberPattern pattern) => pattern switch
    {
        NumberPattern.DoubleHour => "Double hour",
        NumberPattern.MirrorHour => "Mirror hour",
        NumberPattern.RepeatingDigits => "Repeating digits",
        NumberPattern.RepeatedGroup => "Repeated group",
        NumberPattern.Palindrome => "Palindrome",
        NumberPattern.AscendingRun => "Ascending run",
        NumberPattern.DescendingRun => "Descending run",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
    };

    public static string Label(this NumberRelation relation) => relation switch
    {
        NumberRelation.Same => "The same number",
        NumberRelation.SharedRoot => "A master number and its root",
        NumberRelation.SameFamily => "One family",
        NumberRelation.DifferentFamilies => "Different families",
        NumberRelation.Potential => "Potential meets number",
        _ => throw new ArgumentOutOfRangeException(nameof(relation)),
    };

    /// <summary>Who wrote the prose, for the line under a reading.</summary>
    public static string WriterLabel(string writer) =>
        writer == BuiltInReadingWriter.Name ? "Vybe's built-in writer"
        : writer.StartsWith("openai:", StringComparison.Ordinal) ? $"an AI writer ({writer["openai:".Length..]})"
        : writer;
}
