namespace Vybe.Web.Operations;

/// <summary>Operators' access to <c>/ops/info</c> (section <c>Vybe:Ops</c>).</summary>
public sealed class OpsOptions
{
    public const string Section = "Vybe:Ops";

    /// <summary>Long enough that guessing it over HTTP is hopeless.</summary>
    public const int MinimumTokenLength = 32;

    /// <summary>
    /// The bearer token that opens <c>/ops/info</c> to scripts (<c>Authorization: Bearer …</c>).
    /// Empty turns bearer access off; admins signed in with their account can always read it.
    /// </summary>
    public string? InfoToken { get; set; }

    public bool BearerAccessEnabled => !string.IsNullOrEmpty(InfoToken);
}
