using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// The last resort when the database will not take a batch: one structured JSON line per row on
/// standard output, where the platform's log collector still finds it.
/// </summary>
public sealed class ConsoleFallback(TextWriter output)
{
    private readonly Lock gate = new();

    public ConsoleFallback() : this(Console.Out)
    {
    }

    public void Write(IEnumerable<ErrorLogEntry> entries, string reason)
    {
        foreach (var entry in entries)
        {
            var line = ToJson(entry, reason);
            lock (gate)
            {
                output.WriteLine(line);
            }
        }
        output.Flush();
    }

    public static string ToJson(ErrorLogEntry entry, string reason)
    {
        JsonNode? details = null;
        if (entry.Details is not null)
        {
            try
            {
                details = JsonNode.Parse(entry.Details);
            }
            catch (JsonException)
            {
                details = JsonValue.Create(entry.Details);
            }
        }
        var row = new JsonObject
        {
            ["error_log_fallback"] = reason,
            ["ts"] = entry.Ts.ToString("O"),
            ["environment"] = entry.Environment,
            ["service"] = entry.Service,
            ["level"] = entry.Level,
            ["request_id"] = entry.RequestId?.ToString(),
            ["user_id"] = entry.UserId?.ToString(),
            ["code"] = entry.Code,
            ["message"] = entry.Message,
            ["details"] = details,
            ["ip"] = entry.Ip?.ToString(),
            ["ua"] = entry.Ua,
        };
        return row.ToJsonString();
    }
}
