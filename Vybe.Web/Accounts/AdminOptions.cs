namespace Vybe.Web.Accounts;

public sealed class AdminOptions
{
    public const string Section = "Vybe:Admin";

    /// <summary>Accounts with these e-mail addresses get the admin role at start-up and when they sign up.</summary>
    public List<string> Emails { get; set; } = [];
}
