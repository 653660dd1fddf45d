using System.Text.RegularExpressions;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>
/// A user agent as a person names it: "Chrome 131", "Firefox 133", "Safari 17", the major version only.
/// Enough to see which browsers an issue hits, not a full parser: anything else is "Other", and a
/// row without a user agent "Unknown".
/// </summary>
public static partial class BrowserNames
{
    public const string Unknown = "Unknown";
    public const string Other = "Other";

    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }
        // Order matters: Edge and Opera say Chrome too, Chrome says Safari, every iOS browser is Safari underneath.
        foreach (var (name, pattern) in Known)
        {
            if (pattern.Match(userAgent) is { Success: true } match)
            {
                return $"{name} {match.Groups["major"].Value}";
            }
        }
        return Other;
    }

    private static readonly (string Name, Regex Pattern)[] Known =
    [
        ("Edge", Edge()),
        ("Opera", Opera()),
        ("Samsung Internet", Samsung()),
        ("Firefox", Firefox()),
        ("Chrome", Chrome()),
        ("Safari", Safari()),
    ];

    [GeneratedRegex(@"\bEdg(?:e|A|iOS)?/(?<major>\d+)")]
    private static partial Regex Edge();

    [GeneratedRegex(@"\b(?:OPR|Opera)/(?<major>\d+)")]
    private static partial Regex Opera();

    [GeneratedRegex(@"\bSamsungBrowser/(?<major>\d+)")]
    private static partial Regex Samsung();

    [GeneratedRegex(@"\b(?:Firefox|FxiOS)/(?<major>\d+)")]
    private static partial Regex Firefox();

    // Headless Chromium (automated checks, previews) names itself HeadlessChrome.
    [GeneratedRegex(@"(?:\b|Headless)(?:Chrome|CriOS)/(?<major>\d+)")]
    private static partial Regex Chrome();

    [GeneratedRegex(@"\bVersion/(?<major>\d+)(?:[.\d]*) (?:Mobile/\w+ )?Safari/")]
    private static partial Regex Safari();
}
