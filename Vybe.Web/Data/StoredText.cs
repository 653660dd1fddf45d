using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vybe.Web.Data;

/// <summary>
/// Text as the database can take it. PostgreSQL refuses U+0000 in <c>text</c> and in <c>jsonb</c>
/// (there also as the escape <c>\u0000</c>), and Npgsql cannot encode half of a UTF-16 surrogate
/// pair (a string cut in the middle of an emoji) as UTF-8, nor can <c>jsonb</c> take such a half
/// as an escape. Each of these becomes U+FFFD, the replacement character, and everything else is
/// stored as given. <see cref="VybeDbContext"/> applies it to every string it writes, on both
/// providers, through <see cref="StoredTextConverter"/> and, for JSON columns, <see cref="StoredJsonConverter"/>.
/// </summary>
public static class StoredText
{
    public const char Replacement = '\uFFFD';

    /// <summary>The text with U+0000 and unpaired surrogates replaced by U+FFFD; the same instance when there is none.</summary>
    public static string Clean(string text)
    {
        var firstBad = FirstToReplace(text);
        if (firstBad < 0)
        {
            return text;
        }
        var clean = new StringBuilder(text.Length).Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(c == '\0' || char.IsSurrogate(c) ? Replacement : c);
            }
        }
        return clean.ToString();
    }

    /// <summary>Where the first U+0000 or unpaired surrogate is, or -1.</summary>
    private static int FirstToReplace(string text)
    {
        var span = text.AsSpan();
        var nul = span.IndexOf('\0');
        var searchTo = nul < 0 ? span.Length : nul;
        for (var i = span[..searchTo].IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < searchTo; i++)
        {
            if (!char.IsSurrogate(span[i]))
            {
                continue;
            }
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
                continue;
            }
            return i;
        }
        return nul;
    }

    /// <summary>
    /// A JSON document with the same replacements, made both in raw characters and in <c>\u</c>
    /// escapes (<c>\u0000</c>, and a <c>\uD800</c>–<c>\uDFFF</c> escape that is not half of a pair,
    /// become <c>\uFFFD</c>); the same instance when there is none. JSON text has backslashes only
    /// inside strings, so no parsing is needed to find the escapes.
    /// </summary>
    public static string CleanJson(string json)
    {
        StringBuilder? clean = null;
        var copiedUpTo = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '\\' && i + 1 < json.Length)
            {
                if (json[i + 1] != 'u' || !TryReadEscape(json.AsSpan(), i, out var code))
                {
                    i++; // an escape of one character (\" \\ \n …): skip both
                    continue;
                }
                if (char.IsHighSurrogate(code) && TryReadEscape(json.AsSpan(), i + 6, out var next) && char.IsLowSurrogate(next))
                {
                    i += 11; // a whole pair
                    continue;
                }
                if (code == '\0' || char.IsSurrogate(code))
                {
                    Replace(i, 6, @"\uFFFD");
                }
                i += 5;
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
            {
                i++;
                continue;
            }
            if (c == '\0' || char.IsSurrogate(c))
            {
                Replace(i, 1, Replacement.ToString());
            }
        }
        if (clean is null)
        {
            return json;
        }
        clean.Append(json, copiedUpTo, json.Length - copiedUpTo);
        return clean.ToString();

        void Replace(int start, int length, string with)
        {
            clean ??= new StringBuilder(json.Length);
            clean.Append(json, copiedUpTo, start - copiedUpTo).Append(with);
            copiedUpTo = start + length;
        }
    }

    /// <summary>
    /// Half of a surrogate pair written as a <c>\u</c> escape in a UTF-8 JSON body becomes <c>\uFFFD</c>,
    /// in place (both are six bytes). A browser's <c>JSON.stringify</c> writes such a half (a text cut
    /// in the middle of an emoji) as an escape, and System.Text.Json refuses to read it into a string,
    /// which would lose the whole body for one character. U+0000 is left alone: it reads fine, and the
    /// database boundary replaces it.
    /// </summary>
    public static void CleanSurrogateEscapes(Span<byte> utf8Json)
    {
        for (var i = 0; i < utf8Json.Length - 1; i++)
        {
            if (utf8Json[i] != '\\')
            {
                continue;
            }
            if (utf8Json[i + 1] != 'u' || !TryReadEscape(utf8Json, i, out var code))
            {
                i++;
                continue;
            }
            if (char.IsHighSurrogate(code) && TryReadEscape(utf8Json, i + 6, out var next) && char.IsLowSurrogate(next))
            {
                i += 11;
                continue;
            }
            if (char.IsSurrogate(code))
            {
                "\\uFFFD"u8.CopyTo(utf8Json[i..]);
            }
            i += 5;
        }
    }

    /// <summary>At most <paramref name="max"/> characters of the text, never ending in half of a surrogate pair.</summary>
    public static string? Clip(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }
        var end = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end];
    }

    private static bool TryReadEscape(ReadOnlySpan<char> json, int backslash, out char code)
    {
        code = default;
        if (backslash + 6 > json.Length || json[backslash] != '\\' || json[backslash + 1] != 'u'
            || !ushort.TryParse(json.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        code = (char)value;
        return true;
    }

    private static bool TryReadEscape(ReadOnlySpan<byte> json, int backslash, out char code)
    {
        code = default;
        if (backslash + 6 > json.Length || json[backslash] != '\\' || json[backslash + 1] != 'u'
            || !ushort.TryParse(json.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        code = (char)value;
        return true;
    }
}

/// <summary>Every string property: what <see cref="StoredText.Clean"/> makes of it is written; what is read comes back as stored.</summary>
public sealed class StoredTextConverter() : ValueConverter<string, string>(text => StoredText.Clean(text), text => text);

/// <summary>The JSON columns (<c>jsonb</c> on PostgreSQL): <see cref="StoredText.CleanJson"/> on the way in.</summary>
public sealed class StoredJsonConverter() : ValueConverter<string, string>(json => StoredText.CleanJson(json), json => json);
