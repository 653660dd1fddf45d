namespace Vybe.Web.ErrorLog;

public sealed class ErrorLogOptions
{
    public const string Section = "Vybe:ErrorLog";

    /// <summary>The <c>service</c> column of rows this app writes about itself.</summary>
    public string Service { get; set; } = "web";

    /// <summary>Entries waiting for the writer; past this the oldest are dropped (and counted).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    public int BatchSize { get; set; } = 200;

    /// <summary>How long shutdown waits for the queue to reach the database before the rest goes to the console.</summary>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int RetentionDays { get; set; } = 90;

    public int RetentionBatchSize { get; set; } = 5_000;

    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Largest browser-error report accepted, in bytes.</summary>
    public int ClientErrorMaxBytes { get; set; } = 8 * 1024;
}
