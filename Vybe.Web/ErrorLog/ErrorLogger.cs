using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Builds rows with the request's context and hands them to the queue. Never throws. Every row
/// passes <see cref="SecretRedactor"/> here, the one way into <c>error_logs</c>: secret keys in the
/// details, and secret query values in every URL of the message, the details and the user agent.
/// </summary>
public sealed class ErrorLogger(
    ErrorLogQueue queue,
    IHttpContextAccessor httpContextAccessor,
    IHostEnvironment hostEnvironment,
    IOptions<ErrorLogOptions> options,
    TimeProvider clock,
    AppRelease release,
    ILogger<ErrorLogger> diagnostics) : IErrorLog
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);
    private readonly string environment = ErrorLogEnvironments.FromHostEnvironment(hostEnvironment.EnvironmentName);

    public void Write(string level, string message, string? code = null, object? details = null, string? service = null)
    {
        try
        {
            var httpContext = httpContextAccessor.HttpContext;
            var context = httpContext?.Features.Get<RequestLogContext>();
            queue.TryEnqueue(new ErrorLogEntry
            {
                Ts = clock.GetUtcNow(),
                Environment = environment,
                Service = service ?? options.Value.Service,
                Level = ErrorLogLevels.All.Contains(level) ? level : ErrorLogLevels.Error,
                RequestId = context?.RequestId,
                UserId = UserIdOf(httpContext?.User),
                Code = code,
                Message = string.IsNullOrEmpty(message) ? "(no message)" : SecretRedactor.RedactUrls(message),
                Details = SerializeDetails(details),
                Ip = context?.Ip,
                Ua = context?.UserAgent is { } userAgent ? SecretRedactor.RedactUrls(userAgent) : null,
                Release = release.Name,
            });
        }
        catch (Exception exception)
        {
            // The error log must never break the code that calls it; say so where developers look.
            diagnostics.LogError(exception, "Could not queue an error-log entry ({Code}): {Message}", code, message);
        }
    }

    private static Guid? UserIdOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private static string? SerializeDetails(object? details)
    {
        if (details is null)
        {
            return null;
        }
        var node = details switch
        {
            JsonNode json => json.DeepClone(),
            string text => JsonValue.Create(text),
            _ => JsonSerializer.SerializeToNode(details, DetailsJson),
        };
        // jsonb accepts any JSON value, but admins read objects best; wrap scalars.
        if (node is not JsonObject)
        {
            node = new JsonObject { ["value"] = node };
        }
        return SecretRedactor.Redact(node)!.ToJsonString();
    }
}
