namespace Vybe.Web.Readings;

/// <summary>The codes a failed writer is logged with (error_logs.code).</summary>
public static class ReadingWriterCodes
{
    public const string MissingApiKey = "MISSING_API_KEY";
    public const string RateLimit = "OPENAI_RATE_LIMIT";
    public const string CreditsDepleted = "OPENAI_CREDITS_DEPLETED";
    public const string ApiError = "OPENAI_API_ERROR";
    public const string Timeout = "OPENAI_TIMEOUT";
    public const string InvalidOutput = "OPENAI_INVALID_OUTPUT";
}

/// <summary>A writer failure that already knows its code (missing key, unusable output).</summary>
public sealed class ReadingWriterException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
