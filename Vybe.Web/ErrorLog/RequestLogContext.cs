using System.Net;

namespace Vybe.Web.ErrorLog;

/// <summary>What every row written during a request carries; set by <see cref="RequestLoggingMiddleware"/>.</summary>
public sealed record RequestLogContext(Guid RequestId, IPAddress? Ip, string? UserAgent)
{
    /// <summary>Set when an unhandled exception was logged, so the 5xx that follows is not logged twice.</summary>
    public bool UnhandledErrorLogged { get; set; }
}
