namespace Vybe.Web.Web;

/// <summary>
/// Reads the small JSON bodies that browsers' reporting scripts post, holding both the declared
/// Content-Length and the bytes actually sent to a limit, so an endpoint never buffers more.
/// </summary>
public static class SmallJsonBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
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
}
