using System.Globalization;
using Vybe.Web.Web;

namespace Vybe.Web.History;

/// <summary>What a person logs about a sighting, checked: when (UTC), where, how they felt, a note.</summary>
public sealed record SightingEntry(DateTimeOffset SeenAt, string? Place, string? Feeling, string? Note);

/// <summary>
/// The sighting form as posted: text, which <see cref="TryParse"/> turns into a <see cref="SightingEntry"/>
/// or into one message per field. The time is a <c>datetime-local</c> value, read in the zone the form
/// was written in (<see cref="TimeZone"/>, which travels with it, so that the page script can move both
/// to the browser's zone together).
/// </summary>
public sealed class SightingInput
{
    /// <summary>The <c>datetime-local</c> format the form writes (browsers send seconds only when asked).</summary>
    public const string LocalFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>How far ahead of the server's clock a sighting may be dated: phones and laptops drift.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] LocalFormats = [LocalFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF"];
    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string? SeenAt { get; set; }

    /// <summary>The IANA zone <see cref="SeenAt"/> is written in.</summary>
    public string? TimeZone { get; set; }

    public string? Place { get; set; }

    public string? Feeling { get; set; }

    public string? Note { get; set; }

    /// <summary>The form filled with what the reading carries, its time in the visitor's zone.</summary>
    public static SightingInput From(StoredReading reading, VisitorTimeZone zone) => new()
    {
        SeenAt = zone.ToLocal(reading.SeenAt).ToString(LocalFormat, CultureInfo.InvariantCulture),
        TimeZone = zone.Id,
        Place = reading.SeenPlace,
        Feeling = reading.Feeling,
        Note = reading.Note,
    };

    /// <summary>
    /// The entry, or false with a message per field (keyed by property name). An empty time means
    /// "when the reading was made"; an unknown or missing zone falls back to <paramref name="visitorZone"/>.
    /// </summary>
    public bool TryParse(StoredReading reading, VisitorTimeZone visitorZone, DateTimeOffset now, out SightingEntry entry,
        out IReadOnlyDictionary<string, string> errors)
    {
        var found = new Dictionary<string, string>();
        var zone = VisitorTimeZones.TryFind(TimeZone, out var posted) ? posted : visitorZone.Zone;
        var seenAt = reading.CreatedAt;
        if (!string.IsNullOrWhiteSpace(SeenAt))
        {
            if (!DateTime.TryParseExact(SeenAt.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                found[nameof(SeenAt)] = "Enter the date and time you saw it, such as 2026-12-01 11:11.";
            }
            else if (zone.IsInvalidTime(local))
            {
                found[nameof(SeenAt)] = $"{local.ToString("HH:mm", CultureInfo.InvariantCulture)} did not happen that day in {Name(zone)}: the clocks skipped it. Pick a time just before or after.";
            }
            else
            {
                seenAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
                if (seenAt > now + ClockSkew)
                {
                    found[nameof(SeenAt)] = "That is in the future: enter when you saw it, now or earlier.";
                }
                else if (seenAt < Earliest)
                {
                    found[nameof(SeenAt)] = "Enter a date from 1900 onwards.";
                }
            }
        }

        var place = string.IsNullOrEmpty(Place) ? null : Place;
        if (place is not null && !SightingPlaces.IsKnown(place))
        {
            found[nameof(Place)] = "Pick where you saw it from the list.";
        }
        var feeling = string.IsNullOrEmpty(Feeling) ? null : Feeling;
        if (feeling is not null && !SightingFeelings.IsKnown(feeling))
        {
            found[nameof(Feeling)] = "Pick how you felt from the list.";
        }

        // One kind of line break, so that the limit counts what a person typed, not how their browser sent it.
        var note = Note?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(note))
        {
            note = null;
        }
        else if (note.Length > SightingLimits.NoteMaxLength)
        {
            found[nameof(Note)] = $"Keep the note to {SightingLimits.NoteMaxLength} characters: it has {note.Length}.";
        }
        else if (note.Contains('\0', StringComparison.Ordinal))
        {
            found[nameof(Note)] = "The note holds a character that cannot be saved (U+0000): remove it.";
        }

        errors = found;
        entry = new SightingEntry(seenAt, place, feeling, note);
        return found.Count == 0;
    }

    private static string Name(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
}
