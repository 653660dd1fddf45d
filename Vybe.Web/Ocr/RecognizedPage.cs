namespace Vybe.Web.Ocr;

/// <summary>
/// What one OCR pass read: the text, lines separated by '\n' and words by ' ', and for each of its
/// characters the box of the glyph it was read from (null for the separators, and for text that
/// came without boxes). The boxes are what make a big clock outrank the small date under it.
/// </summary>
public sealed record RecognizedPage
{
    public RecognizedPage(string text, IReadOnlyList<PixelBox?> characterBoxes, IReadOnlyList<RecognizedWord>? words = null)
    {
        if (characterBoxes.Count != text.Length)
        {
            throw new ArgumentException("One box (or null) is needed per character of the text.", nameof(characterBoxes));
        }
        Text = text;
        CharacterBoxes = characterBoxes;
        Words = words ?? [];
    }

    public string Text { get; }

    public IReadOnlyList<PixelBox?> CharacterBoxes { get; }

    /// <summary>The words as Tesseract found them, with how sure it was of each; empty for text without boxes.</summary>
    public IReadOnlyList<RecognizedWord> Words { get; }

    public static RecognizedPage Empty { get; } = new("", []);

    /// <summary>Text without any boxes (the seven-segment reader's, a test's, the tesseract command's).</summary>
    public static RecognizedPage WithoutBoxes(string text) => new(text, new PixelBox?[text.Length]);

    /// <summary>The page with its boxes in the coordinates of a picture <paramref name="factor"/> times as large.</summary>
    public RecognizedPage Scaled(double factor) =>
        factor == 1 ? this : new RecognizedPage(Text, CharacterBoxes.Select(box => box?.Scaled(factor)).ToArray(),
            Words.Select(word => word with { Box = word.Box.Scaled(factor), GlyphHeight = word.GlyphHeight * factor }).ToArray());
}

/// <summary>A word Tesseract read: its text, box, the median height of its letters and digits, and its confidence (0 to 100).</summary>
public sealed record RecognizedWord(string Text, PixelBox Box, double GlyphHeight, float Confidence)
{
    /// <summary>Below this confidence a word is more likely texture or specks than text a person reads.</summary>
    public const float LegibleFrom = 60;

    /// <summary>Whether the word is text a person would read: two letters or digits at least, read with confidence.</summary>
    public bool IsLegible => Confidence >= LegibleFrom && Text.Count(char.IsLetterOrDigit) >= 2;
}
