namespace Vybe.Web.Web;

/// <summary>
/// htmx marks its requests with headers whose values are booleans (<c>HX-Boosted: true</c>). The
/// htmx helpers read those values as booleans and throw on anything else, which answered 500 to
/// <c>HX-Boosted: yes</c> on every page. Such a header says nothing a browser would send, so it is
/// taken as absent, before anything reads it.
/// </summary>
internal sealed class HtmxHeaderGuard(RequestDelegate next)
{
    public static readonly string[] BooleanHeaders = ["HX-Request", "HX-Boosted", "HX-History-Restore-Request"];

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        foreach (var name in BooleanHeaders)
        {
            if (headers.TryGetValue(name, out var values) && (values.Count != 1 || !bool.TryParse(values[0], out _)))
            {
                headers.Remove(name);
            }
        }
        return next(context);
    }
}
