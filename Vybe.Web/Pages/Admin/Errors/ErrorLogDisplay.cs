using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>How the error-log pages (and the Web Vitals page) show times, messages and details.</summary>
public static class ErrorLogDisplay
{
    public const int MessagePreviewLength = 120;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Razor HTML-encodes the output; escaping <, > and non-ASCII here as well would only make it unreadable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Machine-readable for the datetime attribute.</summary>
    public static string IsoUtc(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Preview(string message) =>
        message.Length <= MessagePreviewLength ? message : string.Concat(message.AsSpan(0, MessagePreviewLength - 1), "…");

    public static string ShortId(Guid id) => id.ToString()[..8];

    /// <summary>The details JSON indented for reading; text that is not JSON is shown as it is.</summary>
    public static string PrettyJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
