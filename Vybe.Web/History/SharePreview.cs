using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vybe.Web.Readings;

namespace Vybe.Web.History;

/// <summary>
/// What a shared reading's card says, in a chat or a social feed: the number, its core number with
/// the core number's name, and the angel number's name or the kind of reading. Only what the shared
/// page itself shows, never the owner's journal (note, feeling, place).
/// </summary>
public sealed record SharePreview(string Number, string Headline, string Detail)
{
    /// <summary>Bump when the drawing changes, so cached cards are fetched again.</summary>
    private const int DrawingVersion = 1;

    public const int Width = 1200;

    public const int Height = 630;

    public static SharePreview For(ReadingView reading)
    {
        var number = reading.Row.NormalizedInput;
        if (reading.Comparison is { } comparison)
        {
            return new SharePreview(
                $"{comparison.First.Input} & {comparison.Second.Input}",
                $"Together {comparison.CombinedNumber} · {NumberMeanings.For(comparison.CombinedNumber).Name}",
                $"{comparison.Relation.Label()} · core numbers {comparison.First.CoreNumber} and {comparison.Second.CoreNumber}");
        }
        if (reading.Facts is { } facts)
        {
            var angel = NumberMeanings.Angel(facts.AngelNumber);
            return new SharePreview(
                number,
                $"Core number {facts.CoreNumber} · {NumberMeanings.For(facts.CoreNumber).Name}",
                angel is not null ? $"Angel number {angel.Digits}: {angel.Name}" : $"{reading.Kind.Label()} · {reading.Depth.Label()} reading");
        }
        return new SharePreview(number, "A Vybe reading", "What your numbers say");
    }

    /// <summary>The card's title and description for Open Graph and Twitter tags.</summary>
    public string Title => $"{Number}: {Headline}";

    public string Description => $"{Detail}. A reading of {Number} on Vybe, what your numbers say.";

    /// <summary>A short hash of what the card shows: its ETag, and part of its URL so a changed card is a new URL.</summary>
    public string ContentHash
    {
        get
        {
            var text = string.Join('\n', DrawingVersion.ToString(CultureInfo.InvariantCulture), Number, Headline, Detail);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
        }
    }
}
