namespace Vybe.Web.Web;

/// <summary>
/// RFC 4180 CSV (CRLF line ends, fields with commas, quotes or line breaks in double quotes, quotes
/// doubled). Exports hold text that outsiders chose, so a cell that a spreadsheet would run as a
/// formula is prefixed with a quote.
/// </summary>
public static class Csv
{
    // OWASP's list: = + - @ start formulas; tab and carriage return can smuggle one past a trim.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

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

    public static async Task WriteLineAsync(TextWriter writer, IReadOnlyList<string?> values)
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
