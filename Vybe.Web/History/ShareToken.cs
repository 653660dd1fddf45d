using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Vybe.Web.History;

/// <summary>
/// The token of a share link (<c>/s/{token}</c>): 18 random bytes as 24 base64url characters. Only
/// <see cref="TryParse"/> makes one from a link, so the lookup never sees an empty, blank, huge or
/// marked-up value: those are simply links that lead nowhere (404).
/// </summary>
public sealed record ShareToken
{
    public const int Length = 24;

    private ShareToken(string value) => Value = value;

    public string Value { get; }

    public static ShareToken New() => new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18)));

    public static bool TryParse(string? text, [NotNullWhen(true)] out ShareToken? token)
    {
        token = text is { Length: Length } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? new ShareToken(text) : null;
        return token is not null;
    }

    public override string ToString() => Value;
}
