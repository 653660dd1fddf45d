using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vybe.Web.Readings;

/// <summary>
/// How facts and sections are stored and exported. Strict on the way in: a stored document with a
/// member missing or null where the record does not allow it fails to parse, rather than showing a
/// half-empty reading.
/// </summary>
public static class ReadingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The value, or null when the text is not a valid document of that shape.</summary>
    public static T? TryDeserialize<T>(string? json)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
