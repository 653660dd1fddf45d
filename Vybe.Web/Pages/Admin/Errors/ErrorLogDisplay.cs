using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>How the error-log pages show values and build the links that keep the current filter.</summary>
public static class ErrorLogDisplay
{
    public const string ListPath = "/Admin/Errors";
    public const string ExportPath = "/Admin/Errors/Export";
    public const string TailPath = "/Admin/Errors/Tail";
    public const string CursorKey = "cursor";
    public const string LiveKey = "tail";
    public const string AfterKey = "after";
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

    public static string Link(string path, ErrorLogFilter filter, params (string Key, string Value)[] extra)
    {
        var query = filter.ToQuery();
        foreach (var (key, value) in extra)
        {
            query.Add(key, value);
        }
        return path + query.ToQueryString();
    }
}
