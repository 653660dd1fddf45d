using System.Text.Json;

namespace Vybe.Web.Web;

/// <summary>
/// Reads the small JSON bodies that browsers' reporting scripts post, holding both the declared
/// Content-Length and the bytes actually sent to a limit, so an endpoint never buffers more.
/// </summary>
public static class SmallJsonBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<Memory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        var body = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return length > maxBytes ? null : body.AsMemory(0, length);
    }

    /// <summary>
    /// Reads and parses a report of <paramref name="what"/> (e.g. "error report"): the value, or the
    /// answer to send instead: 415 without a JSON content type (which cannot be posted cross-site
    /// without a CORS preflight, never granted here), 413 over <paramref name="maxBytes"/>, 400 for
    /// JSON that does not parse into <typeparamref name="T"/> or is <c>null</c>. Exactly one of the
    /// two is set. Half of a surrogate pair written as an escape (<c>\ud83d</c>, what a browser's
    /// <c>JSON.stringify</c> makes of a text cut in the middle of an emoji) is read as U+FFFD
    /// (<see cref="Data.StoredText"/>), so one bad character does not lose a report.
    /// </summary>
    public static async Task<(T? Value, IResult? Refusal)> ReadAsync<T>(HttpRequest request, int maxBytes, JsonSerializerOptions json,
        string what, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Refuse(StatusCodes.Status415UnsupportedMediaType, $"Send the {what} as application/json."));
        }
        if (await ReadAsync(request, maxBytes, cancellationToken) is not { } body)
        {
            return (null, Refuse(StatusCodes.Status413PayloadTooLarge, $"A {what} may be at most {maxBytes} bytes."));
        }
        Data.StoredText.CleanSurrogateEscapes(body.Span);
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, json) is { } value
                ? (value, null)
                : (null, Refuse(StatusCodes.Status400BadRequest, $"The {what} is empty."));
        }
        catch (JsonException)
        {
            return (null, Refuse(StatusCodes.Status400BadRequest, $"The {what} is not valid JSON of the expected shape."));
        }
    }

    public static IResult Refuse(int status, string detail) => Results.Problem(statusCode: status, detail: detail);
}
