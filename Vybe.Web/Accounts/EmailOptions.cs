namespace Vybe.Web.Accounts;

public sealed class EmailOptions
{
    public const string Section = "Vybe:Email";

    public string From { get; set; } = "Vybe <no-reply@vybe.local>";

    /// <summary>Where messages are written as .eml files when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();
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
