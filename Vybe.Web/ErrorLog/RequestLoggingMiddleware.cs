using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// First in the pipeline after forwarded headers: gives the request its id (the caller's
/// <c>X-Request-Id</c> when it is a UUID, else a new one), echoes it, sets the context every
/// error-log row of this request carries, and logs every 5xx answer.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, IErrorLog errorLog)
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string Http5xxCode = "HTTP_5XX";

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = Guid.TryParse(context.Request.Headers[RequestIdHeader].ToString(), out var incoming) && incoming != Guid.Empty
            ? incoming
            : Guid.NewGuid();
        context.TraceIdentifier = requestId.ToString();
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var logContext = new RequestLogContext(
            requestId,
            context.Connection.RemoteIpAddress is { } ip && ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : context.Connection.RemoteIpAddress,
            string.IsNullOrEmpty(userAgent) ? null : StoredText.Clip(userAgent, 512));
        context.Features.Set(logContext);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestIdHeader] = requestId.ToString();
            return Task.CompletedTask;
        });
        if (SentrySdk.IsEnabled)
        {
            SentrySdk.ConfigureScope(scope => scope.SetTag("request_id", requestId.ToString()));
        }

        await next(context);

        if (context.Response.StatusCode >= 500 && !logContext.UnhandledErrorLogged)
        {
            errorLog.Error($"{context.Request.Method} {context.Request.Path} answered {context.Response.StatusCode}", Http5xxCode, new
            {
                method = context.Request.Method,
                path = context.Request.Path.Value,
                status = context.Response.StatusCode,
            });
        }
    }
}
