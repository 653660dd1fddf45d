using Microsoft.AspNetCore.Diagnostics;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Logs every unhandled exception as <c>UNHANDLED_ERROR</c> with its type and stack, then lets the
/// exception-handler middleware render the error page (which shows the request id as the reference).
/// </summary>
internal sealed class UnhandledExceptionLogger(IErrorLog errorLog) : IExceptionHandler
{
    public const string Code = "UNHANDLED_ERROR";

    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        errorLog.Error(exception.Message, Code, new
        {
            type = exception.GetType().FullName,
            stack = exception.ToString(),
            method = httpContext.Request.Method,
            // By now the request's path is the error page's; the feature keeps the one that failed.
            path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value,
            // Query values can carry secrets (a password-reset code): keep them as keys the redactor sees.
            query = httpContext.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
        });
        if (httpContext.Features.Get<RequestLogContext>() is { } context)
        {
            context.UnhandledErrorLogged = true;
        }
        return ValueTask.FromResult(false); // not handled: the error page renders the answer
    }
}
