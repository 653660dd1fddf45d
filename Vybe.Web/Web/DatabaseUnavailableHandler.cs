using Microsoft.AspNetCore.Diagnostics;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Web;

/// <summary>
/// Answers an exception that says the database is unreachable (<see cref="DatabaseFailures"/>) with
/// 503 and <c>Retry-After</c>, and counts it in <see cref="DatabaseOutageLog"/>'s record of the
/// minute instead of logging the request. The answer has no body of its own: the status-code pages
/// re-execute it as <c>/Status/503</c>, which renders the page, or the toast for htmx. Any other
/// exception is left to the next handler (logged as <c>UNHANDLED_ERROR</c>, answered by <c>/Error</c>).
/// </summary>
internal sealed class DatabaseUnavailableHandler(DatabaseOutageLog outages) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFailures.IsUnavailable(exception))
        {
            return ValueTask.FromResult(false);
        }

        outages.Refused(exception);
        if (httpContext.Features.Get<RequestLogContext>() is { } logContext)
        {
            // Accounted for: the request middleware does not log this 503 as HTTP_5XX either.
            logContext.UnhandledErrorLogged = true;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfter;
        return ValueTask.FromResult(true);
    }
}
