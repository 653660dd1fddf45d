using System.Security.Cryptography;
using System.Text.Json;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Operations;

/// <summary>
/// The part of the configuration that must match across the instances of one deployment: every
/// setting under <c>Vybe</c>, <c>OpenAI</c> and <c>Sentry</c>, and <c>AllowedHosts</c>. Settings
/// whose key looks like a secret (the error log's redaction rules: password, token, key, dsn …) and
/// every connection string are secrets: only whether they are set is reported. Empty values count as
/// not set, as they do for the app. Logging levels and listening addresses are left out on purpose:
/// they may differ while an instance is being looked at.
/// </summary>
public sealed record SettingsSnapshot(IReadOnlyDictionary<string, string> Settings, IReadOnlyDictionary<string, bool> Secrets, string Fingerprint)
{
    private static readonly string[] Sections = ["Vybe", "OpenAI", "Sentry", "AllowedHosts", "ConnectionStrings"];

    /// <summary>The secrets the app reads, reported as set or not even when they are absent.</summary>
    public static readonly IReadOnlyList<string> KnownSecrets =
        ["ConnectionStrings:Vybe", "OpenAI:ApiKey", "Sentry:Dsn", "Vybe:Email:Smtp:Password", "Vybe:Ops:InfoToken"];

    public static SettingsSnapshot From(IConfiguration configuration)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var secrets = new SortedDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in KnownSecrets)
        {
            secrets[key] = false;
        }

        foreach (var section in Sections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is null)
                {
                    continue; // a section, not a setting
                }
                if (IsSecret(key))
                {
                    secrets[key] = secrets.GetValueOrDefault(key) || value.Length > 0;
                }
                else if (value.Length > 0)
                {
                    settings[key] = value;
                }
            }
        }
        return new SettingsSnapshot(settings, secrets, FingerprintOf(settings));
    }

    public static bool IsSecret(string key) =>
        key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)
        || key.Split(':').Any(SecretRedactor.IsSecretKey);

    /// <summary>
    /// SHA-256 of the settings as a JSON array of [key, value] pairs in key order (JSON, so no value can
    /// pass for a separator); keys are upper-cased because configuration keys ignore case.
    /// </summary>
    public static string FingerprintOf(IReadOnlyDictionary<string, string> settings)
    {
        var pairs = settings
            .Select(s => new[] { s.Key.ToUpperInvariant(), s.Value })
            .OrderBy(pair => pair[0], StringComparer.Ordinal)
            .ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(pairs)));
    }
}
