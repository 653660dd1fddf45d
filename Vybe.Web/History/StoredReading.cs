namespace Vybe.Web.History;

/// <summary>
/// A saved reading (table <c>readings</c>). It belongs to a member or to a guest, never both.
/// <see cref="Numbers"/> and <see cref="Sections"/> hold JSON: the engine's facts and the writer's
/// prose, exactly as the visitor saw them.
/// </summary>
public sealed class StoredReading
{
    public Guid Id { get; set; }

    public Guid? UserId { get; set; }

    public Guid? GuestId { get; set; }

    /// <summary>time, number, image or compare.</summary>
    public string Kind { get; set; } = "";

    /// <summary>What the visitor typed (or picked from a photo), as typed.</summary>
    public string RawInput { get; set; } = "";

    public string NormalizedInput { get; set; } = "";

    /// <summary>lite, standard or deep.</summary>
    public string Depth { get; set; } = "";

    public string Numbers { get; set; } = "";

    /// <summary>Which writer produced the prose (built-in, or openai:MODEL).</summary>
    public string Writer { get; set; } = "";

    public string Sections { get; set; } = "";

    /// <summary>A note shown with the reading, such as why the built-in writer stood in.</summary>
    public string? WriterNote { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the number was seen: the moment the reading was made unless the person says otherwise.</summary>
    public DateTimeOffset SeenAt { get; set; }

    /// <summary>Where it was seen: one of <see cref="SightingPlaces"/>, or not said.</summary>
    public string? SeenPlace { get; set; }

    /// <summary>The person's own note about the sighting (at most <see cref="SightingLimits.NoteMaxLength"/> characters).</summary>
    public string? Note { get; set; }

    /// <summary>How the person felt: one of <see cref="SightingFeelings"/>, or not said.</summary>
    public string? Feeling { get; set; }

    /// <summary>Set while the owner shares the reading: the unguessable part of its read-only link.</summary>
    public string? ShareToken { get; set; }
}
