using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Vybe.Web.Web;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// <c>POST /errors/client</c>: errors that visitors' browsers report (<c>wwwroot/js/error-reporter.js</c>),
/// stored as service <c>client</c>, code <c>CLIENT_ERROR</c>. Small JSON bodies only; rate-limited per IP.
/// </summary>
public static class ClientErrorEndpoint
{
    public const string Path = "/errors/client";
    public const string Service = "client";
    public const string Code = "CLIENT_ERROR";
    public const string RateLimitPolicy = "client-errors";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public sealed record ClientErrorReport(
        string? Kind,
        string? Message,
        string? Source,
        int? Line,
        int? Column,
        string? Stack,
        string? Page,
        int? Status);

    public static IEndpointConventionBuilder MapClientErrors(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync)
            .RequireRateLimiting(RateLimitPolicy)
            .DisableAntiforgery();

    private static async Task<IResult> HandleAsync(HttpContext context, IErrorLog errorLog, IOptions<ErrorLogOptions> options)
    {
        var (report, refusal) = await SmallJsonBody.ReadAsync<ClientErrorReport>(
            context.Request, options.Value.ClientErrorMaxBytes, Json, "error report", context.RequestAborted);
        if (report is null)
        {
            return refusal!;
        }
        if (string.IsNullOrWhiteSpace(report.Message))
        {
            return SmallJsonBody.Refuse(StatusCodes.Status400BadRequest, "The error report needs a message.");
        }

        errorLog.Write(ErrorLogLevels.Error, Truncate(report.Message, 1000)!, Code, new
        {
            kind = Truncate(report.Kind, 40),
            source = Truncate(report.Source, 500),
            line = report.Line,
            column = report.Column,
            stack = Truncate(report.Stack, 4000),
            page = Truncate(report.Page, 500),
            status = report.Status,
        }, Service);
        return Results.NoContent();
    }

    /// <summary>
    /// At most <paramref name="max"/> characters, never half a surrogate pair, and text the database
    /// can store: a JSON string may hold U+0000 and lone surrogates (<c>"\ud800"</c>, which a script's
    /// <c>slice</c> makes of an emoji), which PostgreSQL refuses; each becomes U+FFFD.
    /// </summary>
    internal static string? Truncate(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }
        var builder = new StringBuilder(Math.Min(text.Length, max));
        for (var i = 0; i < text.Length;)
        {
            var valid = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) == OperationStatus.Done && rune.Value != 0;
            var piece = valid ? text.AsSpan(i, length) : "\uFFFD";
            if (builder.Length + piece.Length > max)
            {
                break;
            }
            builder.Append(piece);
            i += length;
        }
        return builder.ToString();
    }
}
