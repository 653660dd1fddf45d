using System.Text.RegularExpressions;
using Vybe.TestSupport;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// Text that fades in or out is, for the length of the fade, text too faint to read: an accessibility
/// failure a person sees and axe-core reports whenever it happens to look mid-fade. So nothing in the
/// stylesheet animates opacity or colour; elements are shown or hidden at once.
/// </summary>
public sealed partial class StylesheetTests
{
    private static readonly string Stylesheet = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Vybe.Web", "wwwroot", "css", "site.css"));

    [Fact]
    public void No_rule_fades_text_in_or_out()
    {
        var fading = Rules()
            .Where(rule => TransitionOrAnimation().IsMatch(rule.Body) && !rule.Body.Contains("none !important", StringComparison.Ordinal))
            .Select(rule => $"{rule.Selector} {{ {rule.Body} }}")
            .ToList();

        Assert.True(fading.Count == 0, "Rules with a transition or animation:\n" + string.Join('\n', fading));
    }

    [Fact]
    public void Htmx_indicators_are_hidden_until_a_request_runs_and_never_half_transparent()
    {
        var indicatorRules = Rules().Where(rule => rule.Selector.Contains(".htmx-indicator", StringComparison.Ordinal)).ToList();

        Assert.Contains(indicatorRules, rule => rule.Selector.Trim() == ".htmx-indicator" && rule.Body.Contains("visibility: hidden", StringComparison.Ordinal));
        Assert.Contains(indicatorRules, rule => rule.Selector.Contains(".htmx-request .htmx-indicator", StringComparison.Ordinal) && rule.Body.Contains("visibility: visible", StringComparison.Ordinal));
        Assert.All(indicatorRules, rule => Assert.DoesNotContain("opacity", rule.Body, StringComparison.Ordinal));
    }

    private static IEnumerable<(string Selector, string Body)> Rules() =>
        Rule().Matches(Regex.Replace(Stylesheet, @"/\*.*?\*/", "", RegexOptions.Singleline))
            .Select(match => (match.Groups["selector"].Value.Trim(), match.Groups["body"].Value.Trim()));

    [GeneratedRegex(@"(?<selector>[^{}]+)\{(?<body>[^{}]*)\}")]
    private static partial Regex Rule();

    [GeneratedRegex(@"\b(transition|animation)\s*:")]
    private static partial Regex TransitionOrAnimation();
}
