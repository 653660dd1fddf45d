using System.Reflection;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// The release this instance runs, recorded on every error-log row: <c>Vybe:Release</c> when set
/// (tests play two releases with it), else the build's informational version, which the SDK stamps
/// with the commit (<c>1.0.0+3f2504e0…</c>).
/// </summary>
public sealed class AppRelease(IConfiguration configuration)
{
    public const string Key = "Vybe:Release";

    public const int MaxLength = 100;

    public static string BuildVersion { get; } =
        typeof(AppRelease).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AppRelease).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public string Name { get; } = Clip(configuration[Key] is { Length: > 0 } configured ? configured.Trim() : BuildVersion);

    private static string Clip(string name) => name.Length > MaxLength ? name[..MaxLength] : name;
}
