using System.Globalization;
using Vybe.Web.Web;

namespace Vybe.Web.ErrorLog;

/// <summary>Error-log rows as CSV (see <see cref="Csv"/> for quoting and the formula guard).</summary>
public static class ErrorLogCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["id", "ts", "environment", "service", "level", "request_id", "user_id", "code", "message", "details", "ip", "ua"];

    public static Task WriteHeaderAsync(TextWriter writer) => Csv.WriteLineAsync(writer, Header);

    public static Task WriteRowAsync(TextWriter writer, ErrorLogEntry entry) => Csv.WriteLineAsync(writer,
    [
        entry.Id.ToString(CultureInfo.InvariantCulture),
        entry.Ts.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture),
        entry.Environment,
        entry.Service,
        entry.Level,
        entry.RequestId?.ToString(),
        entry.UserId?.ToString(),
        entry.Code,
        entry.Message,
        entry.Details,
        entry.Ip?.ToString(),
        entry.Ua,
    ]);
}
