using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Replaces the values of keys that look like secrets (passwords, tokens, keys, cookies,
/// authorization headers, a password-reset link's <c>code</c>) anywhere in a JSON document, and the
/// values of query parameters with such keys in every URL inside a text, so they never reach a log
/// row or Sentry. One set of key rules for both.
/// </summary>
public static partial class SecretRedactor
{
    public const string Redacted = "[redacted]";

    private static readonly string[] SecretKeyParts =
        ["password", "passwd", "pwd", "token", "secret", "key", "authorization", "cookie", "credential", "dsn", "signature"];

    // Short names that are secrets only on their own: "code" is the password-reset link's token, but
    // "statusCode" is not a secret.
    private static readonly string[] SecretKeys = ["code", "otp", "pin", "sig"];

    // A query parameter wherever it stands: after ? or & (or ; and #, which some URLs use the same way),
    // a key, =, and a value up to the next separator or the end of the URL in the text around it.
    [GeneratedRegex("""(?<=[?&;#])(?<key>[^=&;#?\s"'<>]+)=(?<value>[^&;#\s"'<>]*)""")]
    private static partial Regex QueryParameter();

    // A value that holds another URL, percent-encoded (a returnUrl): one of the separators the query
    // rule above knows (?, &, ;, #) or = encoded.
    [GeneratedRegex("%(3F|26|3B|23|3D)", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedQuerySyntax();

    public static bool IsSecretKey(string key) =>
        SecretKeyParts.Any(part => key.Contains(part, StringComparison.OrdinalIgnoreCase))
        || SecretKeys.Any(exact => key.Equals(exact, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The values of secret keys replaced by <see cref="Redacted"/>, and <see cref="RedactUrls(string)"/>
    /// applied to every other text value, at any depth. Changes <paramref name="node"/> in place.
    /// </summary>
    public static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    obj[key] = IsSecretKey(key) && value is not null ? JsonValue.Create(Redacted) : Redact(value?.DeepClone());
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Redact(array[i]?.DeepClone());
                }
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var redacted = RedactUrls(text);
                return ReferenceEquals(redacted, text) ? value : JsonValue.Create(redacted);
            default:
                return node;
        }
    }

    /// <summary>
    /// A URL, or a text with URLs in it (a message, a stack trace, a log line, a header), with the
    /// value of every query parameter whose key is secret replaced:
    /// <c>/Account/ResetPassword?userId=7&amp;code=CfDJ8…</c> becomes <c>/Account/ResetPassword?userId=7&amp;code=[redacted]</c>.
    /// A value that is itself a percent-encoded URL (<c>returnUrl=%2FAccount%2FResetPassword%3Fcode%3D…</c>)
    /// is redacted inside too. The same instance comes back when nothing was secret.
    /// </summary>
    public static string RedactUrls(string text) => RedactUrls(text, depth: 0);

    private static string RedactUrls(string text, int depth)
    {
        if (text.AsSpan().IndexOfAny("?&;#") < 0)
        {
            return text;
        }
        var changed = false;
        var result = QueryParameter().Replace(text, match =>
        {
            var value = match.Groups["value"].Value;
            if (value.Length > 0 && IsSecretKey(Decode(match.Groups["key"].Value)))
            {
                changed |= value != Redacted;
                return $"{match.Groups["key"].Value}={Redacted}";
            }
            // Two levels (a returnUrl inside a returnUrl) is the deepest our own links nest; each level
            // decodes the value once more, so the work stays bounded whatever a crafted URL holds.
            if (depth < 2 && EncodedQuerySyntax().IsMatch(value) && Decode(value) is var inner
                && RedactUrls(inner, depth + 1) is var redactedInner && !ReferenceEquals(redactedInner, inner))
            {
                changed = true;
                return $"{match.Groups["key"].Value}={Uri.EscapeDataString(redactedInner)}";
            }
            return match.Value;
        });
        return changed ? result : text;
    }

    // An invalid escape ("%zz", a lone "%") is left as it is: UnescapeDataString does not throw.
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
