using System.Globalization;
using System.Text;

namespace Vybe.Web.Readings;

/// <summary>
/// What every typed input goes through before it is parsed. Digits of any script are read as the
/// digits they are: full-width ０-９ (and the full-width colon) by Unicode compatibility
/// normalisation, Arabic-Indic ٠-٩, Persian ۰-۹, Devanagari and the other decimal digits of
/// Unicode by their digit value. People type what their keyboard gives them; the number is the same.
/// </summary>
public static class InputText
{
    /// <summary>Longer than any time or 12-digit number can reasonably be, even with spaces.</summary>
    public const int MaxLength = 40;

    public static bool TryNormalize(string? raw, string emptyMessage, out string normalized, out string? error)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(raw))
        {
            error = emptyMessage;
            return false;
        }

        if (raw.Length > MaxLength)
        {
            error = $"That is too long: use at most {MaxLength} characters.";
            return false;
        }

        if (raw.Any(IsInvisibleOrControl))
        {
            error = "That contains invisible or control characters: type only digits, spaces and a colon.";
            return false;
        }

        if (!IsText(raw))
        {
            // Unicode normalisation throws on these; no keyboard types them.
            error = "That contains characters that are not text: type only digits, spaces and a colon.";
            return false;
        }

        var compatible = raw.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(compatible.Length);
        foreach (var rune in compatible.EnumerateRunes())
        {
            var digit = CharUnicodeInfo.GetDecimalDigitValue(rune.ToString(), 0);
            if (digit >= 0 && Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
            {
                builder.Append((char)('0' + digit));
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        normalized = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        error = null;
        return true;
    }

    /// <summary>No half of a surrogate pair and no noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every plane).</summary>
    private static bool IsText(string raw)
    {
        for (var i = 0; i < raw.Length;)
        {
            if (Rune.DecodeFromUtf16(raw.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done
                || (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF)
            {
                return false;
            }
            i += length;
        }
        return true;
    }

    private static bool IsInvisibleOrControl(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.PrivateUse;
}
