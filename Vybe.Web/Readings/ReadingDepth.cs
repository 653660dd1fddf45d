namespace Vybe.Web.Readings;

/// <summary>How deep a reading goes: a line or two, a paragraph, or the full breakdown in sections.</summary>
public enum ReadingDepth
{
    Lite,
    Standard,
    Deep,
}

public static class ReadingDepths
{
    public static readonly IReadOnlyList<ReadingDepth> All = [ReadingDepth.Lite, ReadingDepth.Standard, ReadingDepth.Deep];

    /// <summary>The depth's name in forms, URLs, cookies and stored rows.</summary>
    public static string Key(this ReadingDepth depth) => depth switch
    {
        ReadingDepth.Lite => "lite",
        ReadingDepth.Standard => "standard",
        ReadingDepth.Deep => "deep",
        _ => throw new ArgumentOutOfRangeException(nameof(depth)),
    };

    public static string Label(this ReadingDepth depth) => depth switch
    {
        ReadingDepth.Lite => "Lite",
        ReadingDepth.Standard => "Standard",
        ReadingDepth.Deep => "Deep",
        _ => throw new ArgumentOutOfRangeException(nameof(depth)),
    };

    public static string Description(this ReadingDepth depth) => depth switch
    {
        ReadingDepth.Lite => "a line or two",
        ReadingDepth.Standard => "a paragraph of meaning and guidance",
        ReadingDepth.Deep => "the full breakdown, with questions to reflect on",
        _ => throw new ArgumentOutOfRangeException(nameof(depth)),
    };

    public static bool TryParse(string? text, out ReadingDepth depth, out string? error)
    {
        depth = ReadingDepth.Standard;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                error = "Choose how deep the reading should go: lite, standard or deep.";
                return false;
            case "lite":
                depth = ReadingDepth.Lite;
                break;
            case "standard":
                depth = ReadingDepth.Standard;
                break;
            case "deep":
                depth = ReadingDepth.Deep;
                break;
            default:
                error = "There is no such depth: choose lite, standard or deep.";
                return false;
        }

        error = null;
        return true;
    }
}
