using System.Globalization;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Error-log rows as RFC 4180 CSV (CRLF line ends, fields with commas, quotes or line breaks in
/// double quotes, quotes doubled). Log rows hold text that outsiders chose (messages, user agents,
/// browser errors), so a cell that a spreadsheet would run as a formula is prefixed with a quote.
/// </summary>
public static class ErrorLogCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["id", "ts", "environment", "service", "level", "request_id", "user_id", "code", "message", "details", "ip", "ua"];

    // OWASP's list: = + - @ start formulas; tab and carriage return can smuggle one past a trim.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static Task WriteHeaderAsync(TextWriter writer) => WriteLineAsync(writer, Header);

    public static Task WriteRowAsync(TextWriter writer, ErrorLogEntry entry) => WriteLineAsync(writer,
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

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }
        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static async Task WriteLineAsync(TextWriter writer, IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',');
            }
            await writer.WriteAsync(Cell(values[i]));
        }
        await writer.WriteAsync("\r\n");
    }
}
