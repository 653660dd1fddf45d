using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;
using Vybe.Web.Web;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// <c>POST /errors/client</c>: errors that visitors' browsers report (<c>wwwroot/js/error-reporter.js</c>),
/// stored as service <c>client</c>, code <c>CLIENT_ERROR</c>. Small JSON bodies only; rate-limited per IP.
/// The page's URL and every URL in the texts lose their secret query values on the way in (<see cref="ErrorLogger"/>).
/// </summary>
public static class ClientErrorEndpoint
{
    public const string Path = "/errors/client";
    public const string Service = "client";
    public const string Code = "CLIENT_ERROR";

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
            .RequireRateLimiting(RateLimiting.ClientErrorsPolicy)
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

    private static string? Truncate(string? text, int max) => StoredText.Clip(text, max);
}
