using Vybe.Web.ErrorLog;
using Vybe.Web.Readings;

namespace Vybe.Web.History;

/// <summary>A stored reading ready for a page: its facts and sections parsed, or marked as unreadable.</summary>
public sealed record ReadingView(
    StoredReading Row,
    ReadingKind Kind,
    ReadingDepth Depth,
    NumerologyFacts? Facts,
    ComparisonFacts? Comparison,
    IReadOnlyList<ReadingSection> Sections)
{
    public const string CorruptMessage = "This reading could not be displayed.";

    /// <summary>ViewData key: the heading level of the reading's title (2 unless its own page sets 1).</summary>
    public const string TitleLevelKey = "ReadingTitleLevel";

    public bool IsReadable => Sections.Count > 0 && (Facts is not null || Comparison is not null);

    public Guid Id => Row.Id;

    public bool IsShared => Row.ShareToken is not null;

    /// <summary>The core number(s) in a few characters: "4", or "4 &amp; 3" for a comparison.</summary>
    public string CoreSummary => Comparison is { } c
        ? $"{c.First.CoreNumber} & {c.Second.CoreNumber}"
        : Facts?.CoreNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}

/// <summary>Parses stored readings; an unreadable one is shown as such and logged once per view as HISTORY_CORRUPT_ROW.</summary>
public sealed class ReadingViews(IErrorLog errorLog)
{
    public const string CorruptRowCode = "HISTORY_CORRUPT_ROW";

    public ReadingView From(StoredReading row)
    {
        var kindKnown = ReadingKinds.TryParse(row.Kind, out var kind);
        var depthKnown = ReadingDepths.TryParse(row.Depth, out var depth, out _);
        NumerologyFacts? facts = null;
        ComparisonFacts? comparison = null;
        if (kind == ReadingKind.Compare)
        {
            comparison = ReadingJson.TryDeserialize<ComparisonFacts>(row.Numbers);
        }
        else
        {
            facts = ReadingJson.TryDeserialize<NumerologyFacts>(row.Numbers);
        }
        var sections = ReadingJson.TryDeserialize<List<ReadingSection>>(row.Sections);

        var view = new ReadingView(row, kind, depth, facts, comparison, sections ?? []);
        if (!kindKnown || !depthKnown || !view.IsReadable || sections!.Any(s => s is null) || !HasKnownCoreNumbers(view))
        {
            errorLog.Warn($"Stored reading {row.Id} could not be parsed and was shown as unreadable.", CorruptRowCode,
                new { readingId = row.Id, kind = row.Kind, depth = row.Depth });
            return view with { Facts = null, Comparison = null, Sections = [] };
        }
        return view;
    }

    // A document can be valid JSON of the right shape and still hold numbers no reading can have.
    private static bool HasKnownCoreNumbers(ReadingView view) => view.Comparison is { } comparison
        ? NumerologyEngine.IsCoreNumber(comparison.First.CoreNumber) && NumerologyEngine.IsCoreNumber(comparison.Second.CoreNumber)
            && NumerologyEngine.IsCoreNumber(comparison.CombinedNumber)
        : NumerologyEngine.IsCoreNumber(view.Facts!.CoreNumber);

    public IReadOnlyList<ReadingView> From(IEnumerable<StoredReading> rows) => rows.Select(From).ToList();
}
