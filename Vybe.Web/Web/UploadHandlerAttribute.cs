namespace Vybe.Web.Web;

/// <summary>
/// On a page with <see cref="RateLimiting.ReadingsPolicy"/>: names the page handler that receives uploads,
/// so that its POSTs count against the upload limit as well as the readings limits (a Razor Page has one
/// rate-limiting policy for all its handlers).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class UploadHandlerAttribute(string handler) : Attribute
{
    public string Handler { get; } = handler;

    /// <summary>Whether the request goes to this handler (Razor Pages reads the name from the route, else the query string).</summary>
    public bool Matches(HttpContext context)
    {
        var requested = context.Request.RouteValues["handler"] as string;
        if (string.IsNullOrEmpty(requested))
        {
            requested = context.Request.Query["handler"];
        }
        return string.Equals(requested, Handler, StringComparison.OrdinalIgnoreCase);
    }
}
