using System.ClientModel;
using System.Globalization;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Vybe.Web.Readings.OpenAi;

/// <summary>
/// The one retry layer for the OpenAI writer (the SDK's own retries are switched off): a total
/// timeout around everything, up to <see cref="OpenAiOptions.MaxAttempts"/> attempts on 429, 5xx,
/// network failures and attempt timeouts with exponential backoff and jitter (or the server's
/// Retry-After), a circuit breaker that stops calling a failing server for a while, and a timeout
/// per attempt. 400, 401, 402 and an exhausted quota are not retried.
/// </summary>
public static class OpenAiResilience
{
    public static ResiliencePipeline Build(OpenAiOptions settings, TimeProvider clock, ILogger logger)
    {
        var isTransient = new PredicateBuilder()
            .Handle<ClientResultException>(IsRetryable)
            .Handle<TimeoutRejectedException>()
            .Handle<HttpRequestException>()
            .Handle<IOException>();

        var builder = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(settings.TotalTimeout);
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = isTransient,
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ClientResultException failure ? RetryAfter(failure, clock) : null),
                OnRetry = args =>
                {
                    logger.LogInformation("OpenAI call failed ({Failure}); attempt {Attempt} in {Delay}",
                        args.Outcome.Exception?.GetType().Name, args.AttemptNumber + 2, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = isTransient,
                FailureRatio = settings.CircuitFailureRatio,
                MinimumThroughput = settings.CircuitMinimumThroughput,
                SamplingDuration = settings.CircuitSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
                OnOpened = args =>
                {
                    logger.LogWarning("OpenAI circuit opened for {Duration}: readings use the built-in writer meanwhile", args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();

        bool IsRetryable(ClientResultException failure) => failure.Status switch
        {
            (int)HttpStatusCode.TooManyRequests => !IsQuotaExhausted(failure) && (RetryAfter(failure, clock) ?? TimeSpan.Zero) <= settings.MaxRetryAfter,
            (int)HttpStatusCode.RequestTimeout => true,
            >= 500 => true,
            // No status: the request never got an answer (connection refused, reset).
            0 => true,
            _ => false,
        };
    }

    /// <summary>429 with code insufficient_quota means no credits left, not "slow down": retrying cannot help.</summary>
    public static bool IsQuotaExhausted(ClientResultException failure)
    {
        try
        {
            return failure.GetRawResponse()?.Content?.ToString().Contains("insufficient_quota", StringComparison.Ordinal) == true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The wait the server asked for: retry-after-ms (OpenAI's), else Retry-After in seconds or as a date.</summary>
    public static TimeSpan? RetryAfter(ClientResultException failure, TimeProvider clock)
    {
        var headers = failure.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }
        if (headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        if (headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - clock.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return null;
    }
}
