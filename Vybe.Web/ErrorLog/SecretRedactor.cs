using System.Text.Json.Nodes;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Replaces the values of keys that look like secrets (passwords, tokens, keys, cookies,
/// authorization headers) anywhere in a JSON document, so they never reach a log row.
/// </summary>
public static class SecretRedactor
{
    public const string Redacted = "[redacted]";

    private static readonly string[] SecretKeyParts =
        ["password", "passwd", "pwd", "token", "secret", "key", "authorization", "cookie", "credential", "dsn", "signature"];

    // Short names that are secrets only on their own: "code" is the password-reset link's token, but
    // "statusCode" is not a secret.
    private static readonly string[] SecretKeys = ["code", "otp", "pin", "sig"];

    public static bool IsSecretKey(string key) =>
        SecretKeyParts.Any(part => key.Contains(part, StringComparison.OrdinalIgnoreCase))
        || SecretKeys.Any(exact => key.Equals(exact, StringComparison.OrdinalIgnoreCase));

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
            default:
                return node;
        }
    }
}
