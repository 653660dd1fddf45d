using Vybe.Web.History;
using Vybe.Web.Readings;

namespace Vybe.Web.Pages.Readings;

/// <summary>What every reading form posts besides its own fields: the depth of the reading.</summary>
public abstract class ReadingInput
{
    /// <summary>The depth picker's field name (and model-state key) in every reading form.</summary>
    public const string DepthField = "Input." + nameof(Depth);

    public string? Depth { get; set; }
}

/// <summary>
/// What a reading form's partial renders: the form's input as posted (or empty), the depth shown
/// selected, and whether the form replaces itself out of band, as it does beside a new result.
/// </summary>
public sealed record ReadingFormView<TInput>(TInput Input, ReadingDepth Depth, bool SwapOutOfBand) where TInput : ReadingInput;

/// <summary>
/// A new reading in the result area. For an htmx request it carries the form that asked for it,
/// rendered out of band, so that the form's earlier error messages disappear with the new result.
/// </summary>
public sealed record ReadingAnswer(ReadingView Reading, ReadingForm Form, object? FormOutOfBand);

/// <summary>What the reading desk layout (<c>_Desk</c>) needs from the page inside it.</summary>
public interface IReadingDesk
{
    /// <summary>The form the tabs mark as current.</summary>
    ReadingForm ActiveForm { get; }

    /// <summary>Whether the result area holds something (a reading, or a photo's choice): the introduction then steps aside.</summary>
    bool HasResult { get; }
}

/// <summary>What the photo's choice form renders: the sealed offer, the candidate picked (if any), and the depth to read it at.</summary>
public sealed record PhotoChoiceView(Ocr.PhotoOffer Offer, string? Chosen, ReadingDepth Depth);
