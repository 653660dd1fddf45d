using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vybe.Web.Readings;

/// <summary>
/// Reads and checks a model's answer: the JSON shape, the sections and headings the depth asks for,
/// their lengths, and that every number the prose states is one the engine computed. A reading
/// that says "reduces to 7" when the engine said 4 is refused, not shown.
/// </summary>
public static partial class ReadingOutput
{
    public static bool TryParse(string? json, ReadingShape shape, NumberClaims claims, out IReadOnlyList<ReadingSection> sections, out string problem)
    {
        sections = [];
        if (!TryReadSections(json, out var parsed, out problem))
        {
            return false;
        }
        if (parsed.Count != shape.Headings.Count)
        {
            problem = $"expected {shape.Headings.Count} section(s), got {parsed.Count}";
            return false;
        }

        var checkedSections = new List<ReadingSection>();
        for (var i = 0; i < parsed.Count; i++)
        {
            var (heading, body, points) = parsed[i];
            var expectedHeading = shape.Headings[i];
            if (!string.Equals(heading.Trim(), expectedHeading, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"section {i + 1} is headed '{Shorten(heading)}', expected '{expectedHeading}'";
                return false;
            }
            body = body.Trim();
            if (body.Length < shape.MinBodyLength || body.Length > shape.MaxBodyLength)
            {
                problem = $"section {i + 1} has {body.Length} characters, expected {shape.MinBodyLength} to {shape.MaxBodyLength}";
                return false;
            }
            if (CountSentences(body) > shape.MaxSentences)
            {
                problem = $"section {i + 1} has more than {shape.MaxSentences} sentences";
                return false;
            }
            var expectedPoints = i == parsed.Count - 1 ? shape.QuestionCount : 0;
            if (points.Count != expectedPoints || points.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 300))
            {
                problem = $"section {i + 1} has {points.Count} point(s), expected {expectedPoints} of at most 300 characters";
                return false;
            }
            var text = string.Join(' ', [body, .. points]);
            if (!claims.Allows(text, out var wrongNumber))
            {
                problem = $"section {i + 1} states {wrongNumber}, which is not among the engine's numbers";
                return false;
            }
            checkedSections.Add(new ReadingSection(expectedHeading, body, points.Select(p => p.Trim()).ToList()));
        }

        sections = checkedSections;
        problem = "";
        return true;
    }

    private static bool TryReadSections(string? json, out List<(string Heading, string Body, List<string> Points)> sections, out string problem)
    {
        sections = [];
        if (string.IsNullOrWhiteSpace(json))
        {
            problem = "the answer was empty";
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("sections", out var array)
                || array.ValueKind != JsonValueKind.Array)
            {
                problem = "the answer has no 'sections' array";
                return false;
            }
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("heading", out var heading) || heading.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String)
                {
                    problem = "a section lacks a text 'heading' or 'body'";
                    return false;
                }
                var points = new List<string>();
                if (item.TryGetProperty("points", out var pointArray))
                {
                    if (pointArray.ValueKind != JsonValueKind.Array || pointArray.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
                    {
                        problem = "a section's 'points' is not a list of text";
                        return false;
                    }
                    points.AddRange(pointArray.EnumerateArray().Select(p => p.GetString()!));
                }
                sections.Add((heading.GetString()!, body.GetString()!, points));
            }
        }
        catch (JsonException exception)
        {
            problem = $"the answer is not valid JSON ({Shorten(exception.Message)})";
            return false;
        }
        problem = "";
        return true;
    }

    private static int CountSentences(string text) => SentenceEnd().Count(text);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex(@"[.!?](\s|$)")]
    private static partial Regex SentenceEnd();
}

/// <summary>
/// The numbers a reading may state: those the engine computed for it (the input and its parts, its
/// pairs and groups of three, the digit sums and chain, the core and combined numbers), the master and karmic numbers the
/// tradition names, and single digits (which prose uses to count). A claim such as "core number 7"
/// or "reduces to 7" must name one of the computed results.
/// </summary>
public sealed partial class NumberClaims
{
    private readonly HashSet<long> allowed = [.. NumerologyEngine.MasterNumbers.Select(n => (long)n), .. NumerologyEngine.KarmicDebts.Select(n => (long)n)];
    private readonly HashSet<long> results = [];

    public static NumberClaims For(NumerologyFacts facts)
    {
        var claims = new NumberClaims();
        claims.Add(facts);
        return claims;
    }

    public static NumberClaims For(ComparisonFacts comparison)
    {
        var claims = new NumberClaims();
        claims.Add(comparison.First);
        claims.Add(comparison.Second);
        claims.allowed.Add(comparison.CombinedNumber);
        claims.allowed.Add(comparison.First.CoreNumber + comparison.Second.CoreNumber);
        claims.results.Add(comparison.CombinedNumber);
        claims.results.UnionWith(NumerologyEngine.ReductionChain(comparison.First.CoreNumber + comparison.Second.CoreNumber));
        return claims;
    }

    public bool Allows(string text, out string wrongNumber)
    {
        foreach (Match match in ResultClaim().Matches(text))
        {
            if (long.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var claimed) && !results.Contains(claimed))
            {
                wrongNumber = match.Value;
                return false;
            }
        }
        foreach (Match match in Number().Matches(text))
        {
            if (match.Value.Length > 18 || !long.TryParse(match.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                wrongNumber = match.Value;
                return false;
            }
            if (number > 9 && !allowed.Contains(number))
            {
                wrongNumber = match.Value;
                return false;
            }
        }
        wrongNumber = "";
        return true;
    }

    private void Add(NumerologyFacts facts)
    {
        allowed.UnionWith(facts.ReductionChain);
        allowed.Add(facts.DigitSum);
        allowed.Add(long.Parse(facts.Digits, CultureInfo.InvariantCulture));
        foreach (Match part in Number().Matches(facts.Input))
        {
            allowed.Add(long.Parse(part.Value, CultureInfo.InvariantCulture));
        }
        if (facts.AngelNumber is { } angel)
        {
            allowed.Add(long.Parse(angel, CultureInfo.InvariantCulture));
        }
        if (facts.Time is { } time)
        {
            allowed.Add(time.Hour);
        }
        // The pairs and groups of three the input is made of (317: 31 and 17), which a reading may name.
        for (var length = 2; length <= 3; length++)
        {
            for (var start = 0; start + length <= facts.Digits.Length; start++)
            {
                allowed.Add(long.Parse(facts.Digits.AsSpan(start, length), CultureInfo.InvariantCulture));
            }
        }
        results.UnionWith(facts.ReductionChain);
        results.Add(facts.DigitSum);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(core number|reduces to|reduce to|reduced to|reducing to|comes down to|boils down to)(\s+(is|of|to|a|the))*\s+(?<number>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ResultClaim();
}
