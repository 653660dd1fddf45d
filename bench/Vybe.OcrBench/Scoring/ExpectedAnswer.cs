using Vybe.Web.Ocr;
using Vybe.Web.Readings;

namespace Vybe.OcrBench.Scoring;

/// <summary>
/// What a photo's reader should offer: any of the manifest's alternatives, compared as the reading
/// sees them (kind and normalised subject), so 9:55 on a 24-hour face is the same as 09:55, while
/// 9:55 pm is not 9:55 and the number 1155 is not the time 11:55.
/// </summary>
public sealed class ExpectedAnswer
{
    private readonly List<(ReadingKind Kind, string Normalized)> accepted = [];

    public ExpectedAnswer(IReadOnlyList<string> alternatives)
    {
        Alternatives = alternatives;
        foreach (var alternative in alternatives)
        {
            if (TimeInput.TryParse(alternative, out var time, out _))
            {
                accepted.Add((ReadingKind.Time, time.Normalized));
            }
            else if (NumberInput.TryParse(alternative, out var number, out _))
            {
                accepted.Add((ReadingKind.Number, number.Digits));
            }
            else
            {
                throw new InvalidDataException($"\"{alternative}\" is neither a time nor a number as the app reads them.");
            }
        }
    }

    public IReadOnlyList<string> Alternatives { get; }

    public bool Accepts(ReadingCandidate? candidate) =>
        candidate is not null && accepted.Contains((candidate.Kind, candidate.Subject.Normalized));

    public override string ToString() => string.Join(" or ", Alternatives);
}
