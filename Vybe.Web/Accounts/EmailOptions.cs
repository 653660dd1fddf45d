namespace Vybe.Web.Accounts;

public sealed class EmailOptions
{
    public const string Section = "Vybe:Email";

    public string From { get; set; } = "Vybe <no-reply@vybe.local>";

    /// <summary>Where messages are written as .eml files when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Account e-mails waiting to be sent; when full, a new one is not queued (and logged as EMAIL_SEND_FAILED).</summary>
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>Tries per e-mail, the first included, on failures that may pass (network, timeouts, SMTP 4xx replies).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; each next wait doubles, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one try (connect, authenticate, send) may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown waits for queued e-mails to go out; the rest are logged as EMAIL_SEND_FAILED.</summary>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class SmtpOptions
{
    /// <summary>When empty, mail goes to the pickup folder instead.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool UseStartTls { get; set; } = true;
}
