using System.ComponentModel.DataAnnotations;

namespace Vybe.Web.Readings.OpenAi;

/// <summary>The OpenAI (or OpenAI-compatible) reading writer (section <c>OpenAI</c>). The key comes from the environment, never the repo.</summary>
public sealed class OpenAiOptions
{
    public const string Section = "OpenAI";

    public string? ApiKey { get; set; }

    [Required]
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Any OpenAI-compatible server, such as http://127.0.0.1:8080/v1; empty means OpenAI's own.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How long one call may take before it is abandoned (and retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a visitor waits at most for the writer, retries included, before the built-in reading.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; each further one doubles (with jitter) unless the server says Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A Retry-After longer than this is not waited for: the reading falls back instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The circuit opens when at least this share of calls failed...</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>...among at least this many calls...</summary>
    [Range(2, 1000)]
    public int CircuitMinimumThroughput { get; set; } = 6;

    /// <summary>...within this window; it then stays open (no calls at all) for the break duration.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(50, 8000)]
    public int MaxOutputTokens { get; set; } = 1500;

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}
