namespace Vybe.Web.ErrorLog;

/// <summary>
/// The operational record that admins read (table <c>error_logs</c>). Calls return at once and never
/// throw: entries are queued and written in the background. The request's context (request id,
/// user, IP, user agent) is added automatically. For developers' diagnostics use <c>ILogger</c>.
/// </summary>
public interface IErrorLog
{
    void Write(string level, string message, string? code = null, object? details = null, string? service = null);

    void Error(string message, string? code = null, object? details = null) => Write(ErrorLogLevels.Error, message, code, details);

    void Warn(string message, string? code = null, object? details = null) => Write(ErrorLogLevels.Warn, message, code, details);

    void Info(string message, string? code = null, object? details = null) => Write(ErrorLogLevels.Info, message, code, details);
}
