using System.ClientModel;
using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Readings.OpenAi;

/// <summary>
/// The writer pages use when the OpenAI writer is on: the OpenAI reading when it works; otherwise
/// the built-in reading with a short note for the visitor and one error-log row with the failure's code.
/// </summary>
public sealed class FallbackReadingWriter(OpenAiReadingWriter primary, BuiltInReadingWriter fallback, IErrorLog errorLog, TimeProvider clock)
    : IReadingWriter
{
    public const string FallbackNote = "Our AI writer could not help just now, so Vybe's built-in writer wrote this reading. The numbers are the same either way.";

    public Task<WrittenReading> WriteAsync(NumerologyFacts facts, ReadingDepth depth, CancellationToken cancellationToken) =>
        WriteAsync(
            token => primary.WriteAsync(facts, depth, token),
            token => fallback.WriteAsync(facts, depth, token),
            depth, cancellationToken);

    public Task<WrittenReading> WriteComparisonAsync(ComparisonFacts comparison, ReadingDepth depth, CancellationToken cancellationToken) =>
        WriteAsync(
            token => primary.WriteComparisonAsync(comparison, depth, token),
            token => fallback.WriteComparisonAsync(comparison, depth, token),
            depth, cancellationToken);

    private async Task<WrittenReading> WriteAsync(
        Func<CancellationToken, Task<WrittenReading>> write,
        Func<CancellationToken, Task<WrittenReading>> writeFallback,
        ReadingDepth depth,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            return await write(cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            var (code, message) = Classify(failure);
            errorLog.Error(primary.Redact(message), code, new
            {
                writer = primary.Name,
                depth = depth.Key(),
                status = (failure as ClientResultException)?.Status,
                exception = failure.GetType().Name,
                elapsedMs = (long)clock.GetElapsedTime(started).TotalMilliseconds,
            });
            var reading = await writeFallback(cancellationToken);
            return reading with { Note = FallbackNote };
        }
    }

    public static (string Code, string Message) Classify(Exception failure) => failure switch
    {
        ReadingWriterException known => (known.Code, known.Message),
        // A 2xx whose body the SDK cannot read as a chat completion.
        System.Text.Json.JsonException => (ReadingWriterCodes.InvalidOutput, "The OpenAI answer was not valid JSON."),
        TimeoutRejectedException => (ReadingWriterCodes.Timeout, "The OpenAI writer did not answer in time."),
        BrokenCircuitException => (ReadingWriterCodes.ApiError,
            "The OpenAI writer failed repeatedly, so its circuit is open: readings use the built-in writer without calling it for a while."),
        ClientResultException { Status: (int)HttpStatusCode.PaymentRequired } => (ReadingWriterCodes.CreditsDepleted,
            "The OpenAI account has no credits left (402)."),
        ClientResultException { Status: (int)HttpStatusCode.TooManyRequests } quota when OpenAiResilience.IsQuotaExhausted(quota) =>
            (ReadingWriterCodes.CreditsDepleted, "The OpenAI account's quota is used up (429 insufficient_quota)."),
        ClientResultException { Status: (int)HttpStatusCode.TooManyRequests } => (ReadingWriterCodes.RateLimit,
            "OpenAI kept answering 429 Too Many Requests."),
        ClientResultException api => (ReadingWriterCodes.ApiError, api.Status == 0
            ? $"The OpenAI writer could not be reached: {api.Message}"
            : $"OpenAI answered {api.Status}: {FirstLine(api.Message)}"),
        _ => (ReadingWriterCodes.ApiError, $"The OpenAI writer failed: {failure.GetType().Name}: {FirstLine(failure.Message)}"),
    };

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300];
    }
}
