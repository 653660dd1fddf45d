using System.Globalization;
using System.Text.Json;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.History;

/// <summary>
/// A visitor's whole history as JSON (everything, facts and prose as structured data, and a member's
/// birth date and time zone) or CSV (one row per reading, the prose as plain text). A reading that
/// cannot be parsed is exported with <c>readable: false</c> and no facts, rather than failing the export.
/// Both carry the sighting journal (seen at, in UTC; place and feeling as their stored keys; the note as written).
/// </summary>
public static class HistoryExport
{
    private static readonly JsonSerializerOptions IndentedJson = new(ReadingJson.Options) { WriteIndented = true };

    public static readonly IReadOnlyList<string> CsvHeader =
        ["id", "created_at", "kind", "input", "normalized_input", "depth", "core_number", "reduction", "patterns", "writer", "shared", "seen_at", "place", "feeling", "note",
        "reading"];

    /// <summary>A member's own settings that the export carries beside the readings (a guest has none).</summary>
    public sealed record AccountSettings(DateOnly? BirthDate, string? TimeZone);

    /// <summary>One object: <c>account</c> (null for a guest) and <c>readings</c>, newest first.</summary>
    public static async Task WriteJsonAsync(Stream output, IEnumerable<ReadingView> readings, AccountSettings? account, CancellationToken cancellationToken)
    {
        var list = readings.Select(reading => new
        {
            id = reading.Id,
            createdAt = reading.Row.CreatedAt,
            kind = reading.Row.Kind,
            input = reading.Row.RawInput,
            normalizedInput = reading.Row.NormalizedInput,
            depth = reading.Row.Depth,
            writer = reading.Row.Writer,
            writerNote = reading.Row.WriterNote,
            shared = reading.IsShared,
            seenAt = reading.Row.SeenAt,
            place = reading.Row.SeenPlace,
            feeling = reading.Row.Feeling,
            note = reading.Row.Note,
            readable = reading.IsReadable,
            numbers = (object?)reading.Comparison ?? reading.Facts,
            sections = reading.IsReadable ? reading.Sections : null,
        });
        var document = new { account, readings = list };
        await JsonSerializer.SerializeAsync(output, document, IndentedJson, cancellationToken);
    }

    public static async Task WriteCsvAsync(TextWriter writer, IEnumerable<ReadingView> readings)
    {
        await Csv.WriteLineAsync(writer, CsvHeader);
        foreach (var reading in readings)
        {
            await Csv.WriteLineAsync(writer,
            [
                reading.Id.ToString(),
                Utc(reading.Row.CreatedAt),
                reading.Row.Kind,
                reading.Row.RawInput,
                reading.Row.NormalizedInput,
                reading.Row.Depth,
                reading.IsReadable ? reading.CoreSummary : "",
                reading.Comparison is { } c ? $"{c.First.ReductionText}; {c.Second.ReductionText}" : reading.Facts?.ReductionText,
                reading.Facts is { } f ? string.Join("; ", f.Patterns.Select(p => p.Label())) : "",
                reading.Row.Writer,
                reading.IsShared ? "yes" : "no",
                Utc(reading.Row.SeenAt),
                reading.Row.SeenPlace,
                reading.Row.Feeling,
                reading.Row.Note,
                reading.IsReadable ? PlainText(reading.Sections) : ReadingView.CorruptMessage,
            ]);
        }
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string PlainText(IEnumerable<ReadingSection> sections) => string.Join("\n\n", sections.Select(section =>
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(section.Heading))
        {
            parts.Add(section.Heading);
        }
        parts.Add(section.Body);
        parts.AddRange(section.Points.Select(point => "- " + point));
        return string.Join("\n", parts);
    }));
}
