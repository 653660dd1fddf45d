using System.Globalization;
using System.Text;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// One hostile value, in the two shapes a request can carry it: as text (for headers, cookies and
/// JSON strings) and percent-encoded (for paths, query strings and form bodies). Some values exist
/// only percent-encoded, because no .NET string can hold them: invalid UTF-8, broken escapes.
/// </summary>
public sealed record HostileString(string Name, string? Text, string Encoded)
{
    public static HostileString Of(string name, string text) => new(name, text, Escape(text));

    /// <summary>Bytes on the wire that are not a string: the server must decode them somehow, never fail on them.</summary>
    public static HostileString Raw(string name, string encoded) => new(name, null, encoded);

    public override string ToString() => Name;

    /// <summary>Percent-encodes every UTF-16 unit it can; a lone surrogate becomes the UTF-8 bytes of the surrogate itself (invalid UTF-8).</summary>
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length * 3);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                AppendBytes(builder, Encoding.UTF8.GetBytes(text.Substring(i, 2)));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // What a buggy client sends for a lone surrogate: CESU-style bytes, invalid in UTF-8.
                AppendBytes(builder, [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                AppendBytes(builder, Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return builder.ToString();
    }

    private static void AppendBytes(StringBuilder builder, byte[] bytes)
    {
        foreach (var b in bytes)
        {
            builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>
/// The corpus of hostile strings the input tests send through every route value, query key, form
/// field, header, cookie and JSON property. The first <see cref="CoreCount"/> go everywhere; the rest
/// are spread over the inputs so that a run stays short.
/// </summary>
public static class HostileStrings
{
    public static readonly IReadOnlyList<HostileString> All =
    [
        // Core: empty and blank, a control character, the longest, markup, what is not UTF-8, other digits.
        HostileString.Of("empty", ""),
        HostileString.Of("a space", " "),
        HostileString.Of("NUL inside", "44\04"),
        // Longer than any field takes, and than Kestrel lets into a request line (8 KB): a form body can carry it.
        HostileString.Of("20 000 characters", new string('9', 20_000)),
        HostileString.Of("script tag", "<script>alert(1)</script>"),
        HostileString.Raw("invalid UTF-8 bytes", "%FF%FE%C0%AF"),

        HostileString.Of("lone high surrogate", "\uD800"),
        HostileString.Of("Arabic-Indic time", "١١:١١"),
        HostileString.Of("NUL", "\0"),
        HostileString.Of("spaces and tabs", " \t  \t "),
        HostileString.Of("CR LF header injection", "x\r\nSet-Cookie: injected=1"),
        HostileString.Raw("broken percent escapes", "%G1%%41%"),
        // Blank in other ways.
        HostileString.Of("no-break space", "\u00A0"),
        HostileString.Of("ideographic space", "\u3000"),
        HostileString.Of("zero-width space", "\u200B"),
        HostileString.Of("byte order mark", "\uFEFF"),
        HostileString.Of("only newlines", "\n\n\r"),
        // Control and format characters.
        HostileString.Of("C0 controls", "\u0001\u0002\u001F"),
        HostileString.Of("DEL and C1", "\u007F\u0085\u009F"),
        HostileString.Of("ANSI escape", "\u001B[31mred\u001B[0m"),
        HostileString.Of("right-to-left override", "\u202E1111"),
        HostileString.Of("line separator", "11\u202811"),
        HostileString.Of("noncharacters", "\uFFFE\uFFFF"),
        HostileString.Of("replacement character", "\uFFFD"),
        // Lengths.
        HostileString.Of("41 digits", new string('1', 41)),
        HostileString.Of("5 000 characters", new string('x', 5_000)),
        HostileString.Of("1 000 combining marks", "1" + new string('\u0301', 1_000)),
        // Numbers that are not what they seem.
        HostileString.Of("int overflow", "99999999999999999999999"),
        HostileString.Of("minus one", "-1"),
        HostileString.Of("zero", "0"),
        HostileString.Of("exponent", "1e309"),
        HostileString.Of("NaN", "NaN"),
        HostileString.Of("hex", "0x1F"),
        HostileString.Of("decimal comma", "4,44"),
        // Other scripts' digits.
        HostileString.Of("Persian digits", "۴۴۴"),
        HostileString.Of("Devanagari time", "११:११"),
        HostileString.Of("full-width time", "１１：１１"),
        HostileString.Of("mathematical bold digits", "\U0001D7CF\U0001D7D0\U0001D7D1"),
        HostileString.Of("circled digits", "①①:①①"),
        HostileString.Of("Roman numeral", "Ⅻ"),
        HostileString.Of("superscript digits", "¹²³"),
        // Markup and injection.
        HostileString.Of("attribute breakout", "\"><img src=x onerror=alert(1)>"),
        HostileString.Of("template syntax", "{{7*7}}@(1+1)${7*7}"),
        HostileString.Of("javascript URL", "javascript:alert(1)"),
        HostileString.Of("HTML entities", "&lt;&#0;&#x110000;"),
        HostileString.Of("SQL quote", "' OR 1=1 --"),
        HostileString.Of("LIKE wildcards", "%_\\"),
        HostileString.Of("trailing backslash", "a\\"),
        HostileString.Of("format string", "{0}{1}%s%n"),
        HostileString.Of("JSON", "{\"a\":[1,{}]}"),
        // Paths and URLs.
        HostileString.Of("path traversal", "../../../etc/passwd"),
        HostileString.Of("protocol-relative URL", "//evil.example/"),
        HostileString.Of("backslash URL", "/\\evil.example"),
        HostileString.Of("absolute URL", "https://evil.example/login"),
        // Unicode that is well-formed but unusual.
        HostileString.Of("emoji ZWJ sequence", "👨\u200D👩\u200D👧"),
        HostileString.Of("highest code point", "\U0010FFFF"),
        HostileString.Of("lone low surrogate inside", "1\uDC001"),
        HostileString.Of("reversed surrogate pair", "\uDC00\uD800"),
        // Percent-encoding that is valid but surprising.
        HostileString.Raw("encoded NUL", "%00"),
        HostileString.Raw("overlong slash", "%C0%AF"),
        HostileString.Raw("truncated UTF-8", "%E2%82"),
        HostileString.Raw("UTF-8 encoded surrogate", "%ED%A0%80"),
        HostileString.Raw("plus and ampersands", "+%26%3D&=&"),
        HostileString.Raw("double-encoded", "%2525%252F"),
        HostileString.Raw("IIS-style escape", "%u0041"),
        // Look-alikes of valid values.
        HostileString.Of("empty GUID", "00000000-0000-0000-0000-000000000000"),
        HostileString.Of("GUID in braces", "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}"),
        HostileString.Of("date out of range", "9999-12-31T23:59:59.9999999+14:00"),
        HostileString.Of("February 30", "2025-02-30T10:00"),
        HostileString.Of("e-mail with NUL", "a\0b@example.com"),
        HostileString.Of("e-mail with markup", "<b>x</b>@example.com"),
        HostileString.Of("e-mail header injection", "x@example.com\r\nBcc: y@example.com"),
        HostileString.Of("e-mail 300 characters", new string('a', 288) + "@example.com"),
        HostileString.Of("bool-ish", "yes"),
    ];

    /// <summary>How many of the first values of <see cref="All"/> every input gets.</summary>
    public const int CoreCount = 6;
}
