namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// How the segments of one digit are told from the digits beside them and from other ink, when
/// blobs are joined into cells. Lengths are in strokes (the thickness of a segment) or pixels.
/// </summary>
internal sealed record CellGeometry
{
    public static CellGeometry Standard { get; } = new();

    /// <summary>Pixels: blobs this close always join, however thin the stroke (and how near stacked bars may be).</summary>
    public double MinimumJoinGap { get; init; } = 1.5;

    /// <summary>Strokes: the cut between two segments of one digit is at most this wide.</summary>
    public double JoinGapPerStroke { get; init; } = 0.5;

    /// <summary>A blob more than this many times the size of another is not a part of the same digit (a clock body).</summary>
    public double MaximumPartSizeRatio { get; init; } = 4;

    /// <summary>Pixels: a dot joins only what touches it within this gap at least.</summary>
    public double MinimumDotTouchingGap { get; init; } = 1;

    /// <summary>Strokes: a dot-shaped segment all but touches its neighbours, within this gap.</summary>
    public double DotTouchingGapPerStroke { get; init; } = 0.25;

    /// <summary>Share of the narrower width two stacked halves of a stubby 1 share at least.</summary>
    public double StackedDotSharedWidth { get; init; } = 0.5;

    /// <summary>Share of the lower height the gap between two stacked halves of a stubby 1 stays within.</summary>
    public double StackedDotGapPerHeight { get; init; } = 0.6;

    /// <summary>Share of the narrower width the two bars of a 1 (or f above e) share: enough for a lean of about 20°.</summary>
    public double StackedBarSharedWidth { get; init; } = 0.25;

    /// <summary>Strokes: the cut where g would join two stacked bars is at most this tall.</summary>
    public double StackedBarGapPerStroke { get; init; } = 1.5;

    /// <summary>A frame (a display's outline) fills less than this share of its box...</summary>
    public double FrameMaximumFill { get; init; } = 0.1;

    /// <summary>...and is more than this many strokes wide and tall.</summary>
    public double FrameMinimumSidePerStroke { get; init; } = 8;
}

/// <summary>What makes a cell digit-shaped, and which cells stand side by side in one row of digits.</summary>
internal sealed record RowGeometry
{
    public static RowGeometry Standard { get; } = new();

    /// <summary>Only this many of the tallest cells are considered, so noise cannot make the search quadratic in time.</summary>
    public int MaximumCandidates { get; init; } = 2000;

    /// <summary>Cell heights: how far right of a cell its neighbours are looked for (1.8 heights of gap, 1/0.55 times as tall).</summary>
    public double SearchReachPerHeight { get; init; } = 3.3;

    /// <summary>A cell narrower than this share of its height is a bar: a 1.</summary>
    public double BarMaximumAspect { get; init; } = 0.35;

    /// <summary>A bar is solid: ink fills at least this share of its box.</summary>
    public double BarMinimumFill { get; init; } = 0.35;

    /// <summary>Strokes: a bar is at least this many strokes tall.</summary>
    public double BarMinimumHeightPerStroke { get; init; } = 3;

    /// <summary>A digit cell is at most this many times as wide as tall: two small digits run together still pass.</summary>
    public double DigitMaximumAspect { get; init; } = 2.4;

    /// <summary>Ink fills at least this share of a digit cell's box...</summary>
    public double DigitMinimumFill { get; init; } = 0.12;

    /// <summary>...and at most this share (a solid blob is not a digit).</summary>
    public double DigitMaximumFill { get; init; } = 0.85;

    /// <summary>A cell at most this many times shorter than its neighbour counts as the same height.</summary>
    public double SameHeightRatio { get; init; } = 1.3;

    /// <summary>Heights: the centres of two cells of the same height lie at most this far apart vertically.</summary>
    public double MaximumCentreOffset { get; init; } = 0.3;

    /// <summary>Heights: a short digit (1, 4, 7 with thick segments) lies within the band of the full ones, give or take this.</summary>
    public double ShortDigitBandSlack { get; init; } = 0.1;

    /// <summary>A short digit is at least this share of the full digits' height.</summary>
    public double ShortDigitMinimumHeight { get; init; } = 0.55;

    /// <summary>Heights: neighbours are at most this far apart...</summary>
    public double MaximumGap { get; init; } = 1.8;

    /// <summary>Heights: ...and overlap by at most this much.</summary>
    public double MaximumOverlap { get; init; } = 0.15;

    /// <summary>Degrees: the slope of a row's cell centres is taken as at most this.</summary>
    public double MaximumAngleDegrees { get; init; } = 15;
}

/// <summary>
/// How a row found in the first pass is cut out, turned upright and unslanted for the second. Lengths
/// are in digit heights of the first pass, or of the region (<see cref="DigitHeight"/>).
/// </summary>
internal sealed record RectifyGeometry
{
    public static RectifyGeometry Standard { get; } = new();

    /// <summary>Pixels: the digit height every row is resampled to, so the later thresholds are in known pixels.</summary>
    public double DigitHeight { get; init; } = 80;

    /// <summary>The resampling factor stays at least this...</summary>
    public double MinimumScale { get; init; } = 0.25;

    /// <summary>...and at most this.</summary>
    public double MaximumScale { get; init; } = 8;

    /// <summary>Heights added to the row's length: a digit height of margin on either side shows what lies next to the row.</summary>
    public double RegionMargin { get; init; } = 2.0;

    /// <summary>Heights: the region is this tall.</summary>
    public double RegionHeight { get; init; } = 2.2;

    /// <summary>Heights added to the row's length for the core, the part whose histogram sets the threshold.</summary>
    public double CoreMargin { get; init; } = 0.2;

    /// <summary>Heights: the core is this tall (the margins may show the wall around the face).</summary>
    public double CoreHeight { get; init; } = 1.2;

    /// <summary>Region digit heights: cells shorter than this are not digits of the row found again.</summary>
    public double MinimumRowHeight { get; init; } = 0.45;

    /// <summary>Region digit heights: the row found again lies at most this far above or below the region's middle.</summary>
    public double MaximumRowOffset { get; init; } = 0.3;

    /// <summary>Degrees: a remaining tilt at least this large is corrected by cutting the region out again.</summary>
    public double MinimumTiltCorrection { get; init; } = 1;

    /// <summary>Degrees: the tilt is searched up to this far either way...</summary>
    public double MaximumTilt { get; init; } = 5;

    /// <summary>Degrees: ...in steps of this.</summary>
    public double TiltStep { get; init; } = 0.5;

    /// <summary>Share of the row's width added as margin to the edge profile, for the rows a tilt moves.</summary>
    public double TiltProfileMargin { get; init; } = 0.1;

    /// <summary>Degrees: an italic lean at least this large is stood upright.</summary>
    public double MinimumSlantCorrection { get; init; } = 3;

    /// <summary>Degrees: the lean is searched up to this far either way...</summary>
    public double MaximumSlant { get; init; } = 16;

    /// <summary>Degrees: ...in steps of this.</summary>
    public double SlantStep { get; init; } = 2;

    /// <summary>Share of the row's height added as margin to the edge profile, for the columns a shear moves.</summary>
    public double SlantProfileMargin { get; init; } = 0.5;

    /// <summary>An angle other than upright wins only when its profile is peakier by this factor, so noise tilts nothing.</summary>
    public double UprightPreference { get; init; } = 1.02;
}

/// <summary>
/// How a rectified row is cut into digits and each digit decoded. Positions are fractions of the
/// digit frame: u across its width, v down the row's digit height; other lengths in digit heights.
/// </summary>
internal sealed record DecodeGeometry
{
    public static DecodeGeometry Standard { get; } = new();

    /// <summary>Digit heights: ink this close to the row, of digit size, is a loose neighbour that makes the row unreadable.</summary>
    public double LooseNeighbourReach { get; init; } = 0.6;

    /// <summary>Digit heights: a loose neighbour is at least this large...</summary>
    public double LooseNeighbourMinimumSize { get; init; } = 0.4;

    /// <summary>Digit heights: ...and at most this large.</summary>
    public double LooseNeighbourMaximumSize { get; init; } = 1.5;

    /// <summary>Digit heights: a piece of ink at the region's border reaches at least this far into the region to be a loose neighbour.</summary>
    public double LooseNeighbourMinimumDepth { get; init; } = 0.25;

    /// <summary>A loose neighbour fills at least this share of its box (a frame does not count).</summary>
    public double LooseNeighbourMinimumFill { get; init; } = 0.1;

    /// <summary>Cells at least this share of the tallest give the digit frame's top and bottom (1, 4 and 7 stand shorter).</summary>
    public double FullHeightShare { get; init; } = 0.9;

    /// <summary>Heights: a cell at least this wide can give the digit width...</summary>
    public double DigitMinimumWidth { get; init; } = 0.35;

    /// <summary>Heights: ...and at most this wide.</summary>
    public double DigitMaximumWidth { get; init; } = 0.8;

    /// <summary>Heights: the digit width when no cell gives it, the usual proportion of a seven-segment digit.</summary>
    public double UsualDigitWidth { get; init; } = 0.55;

    /// <summary>Digit widths: a cell wider than this is two digits run together.</summary>
    public double MergedCellWidth { get; init; } = 1.5;

    /// <summary>Share of a merged cell's width: the cut is looked for from here...</summary>
    public double NeckSearchFrom { get; init; } = 0.2;

    /// <summary>...to here.</summary>
    public double NeckSearchTo { get; init; } = 0.8;

    /// <summary>A neck holds at most this share of the inkiest column's ink.</summary>
    public double NeckMaximumInk { get; init; } = 0.5;

    /// <summary>Heights: a cell narrower than this is a 1 or nothing.</summary>
    public double OneMaximumWidth { get; init; } = 0.35;

    /// <summary>Heights: a 1 is centred on the row within this.</summary>
    public double OneMaximumCentreOffset { get; init; } = 0.15;

    /// <summary>Heights: a 1 is at least this tall.</summary>
    public double OneMinimumHeight { get; init; } = 0.55;

    /// <summary>Share of a 1's rows that hold ink: a bar, or two bars with a short cut.</summary>
    public double OneMinimumCoverage { get; init; } = 0.7;

    /// <summary>Heights: a cell wider than this is no digit.</summary>
    public double MaximumCellWidth { get; init; } = 1.1;

    /// <summary>Pixels: a probe's run of ink is at least this long...</summary>
    public double MinimumRun { get; init; } = 2;

    /// <summary>Strokes: ...and at least this long.</summary>
    public double MinimumRunPerStroke { get; init; } = 0.35;

    /// <summary>Heights before the digit's top (and widths before its left) where a probe line starts.</summary>
    public double ProbeLineBefore { get; init; } = 0.1;

    /// <summary>Heights (widths) from the digit's top (left) where a probe line ends.</summary>
    public double ProbeLineEnd { get; init; } = 1.1;

    /// <summary>Heights: a vertical probe's run longer than this is a bar along the line, not a crossing of a, g or d.</summary>
    public double LongestVerticalCrossing { get; init; } = 0.3;

    /// <summary>Widths: a horizontal probe's run longer than this is a bar along the line, not a crossing of b, c, e or f.</summary>
    public double LongestHorizontalCrossing { get; init; } = 0.5;

    /// <summary>u of the vertical probe lines across a, g and d.</summary>
    public double[] AcrossHorizontalSegments { get; init; } = [0.4, 0.5, 0.6];

    /// <summary>v of the horizontal probe lines across b and f.</summary>
    public double[] AcrossUpperSegments { get; init; } = [0.26, 0.3, 0.34];

    /// <summary>v of the horizontal probe lines across c and e.</summary>
    public double[] AcrossLowerSegments { get; init; } = [0.66, 0.7, 0.74];

    /// <summary>v: where a crossing of a is centred.</summary>
    public Zone TopZone { get; init; } = new(-0.08, 0.3);

    /// <summary>v: where a crossing of g is centred.</summary>
    public Zone MiddleZone { get; init; } = new(0.3, 0.7);

    /// <summary>v: where a crossing of d is centred.</summary>
    public Zone BottomZone { get; init; } = new(0.7, 1.08);

    /// <summary>u: where a crossing of e or f is centred.</summary>
    public Zone LeftZone { get; init; } = new(-0.08, 0.5);

    /// <summary>u: where a crossing of b or c is centred.</summary>
    public Zone RightZone { get; init; } = new(0.5, 1.08);

    /// <summary>
    /// A vertical probe line crosses a, g and d at most; one more run (a speck, a neighbour's tip) is
    /// forgiven, more is texture.
    /// </summary>
    public int MaximumRunsAcrossHorizontalSegments { get; init; } = 4;

    /// <summary>A horizontal probe line crosses the left and right bars at most; one more run is forgiven, more is texture.</summary>
    public int MaximumRunsAcrossVerticalSegments { get; init; } = 3;

    /// <summary>Of a segment's three probe lines, this many crossed light it.</summary>
    public int LitLines { get; init; } = 2;

    /// <summary>At most this many segments of a digit may have probe lines that disagree (some crossed, some not).</summary>
    public int MaximumUndecidedSegments { get; init; } = 1;

    /// <summary>Heights: a colon's dots are at least this large...</summary>
    public double ColonDotMinimumSize { get; init; } = 0.04;

    /// <summary>Heights: ...and at most this large.</summary>
    public double ColonDotMaximumSize { get; init; } = 0.35;

    /// <summary>Heights: a colon's dots are at least this far apart vertically...</summary>
    public double ColonMinimumSeparation { get; init; } = 0.2;

    /// <summary>Heights: ...and at most this far.</summary>
    public double ColonMaximumSeparation { get; init; } = 0.75;

    /// <summary>Dot sizes (plus <see cref="ColonAlignmentSlack"/> pixels): a colon's dots stand this nearly above each other.</summary>
    public double ColonAlignmentPerDotSize { get; init; } = 0.6;

    /// <summary>Pixels of slack in the alignment of a colon's dots.</summary>
    public double ColonAlignmentSlack { get; init; } = 2;

    /// <summary>A colon's larger dot is at most this many times the smaller.</summary>
    public double ColonDotSizeRatio { get; init; } = 2;

    /// <summary>Heights: a colon's middle lies this near the row's middle.</summary>
    public double ColonMaximumCentreOffset { get; init; } = 0.2;

    /// <summary>Four digits without a colon whose middle gap is this many times the wider of the others lost their colon.</summary>
    public double UnseenColonGapRatio { get; init; } = 1.8;

    /// <summary>Digit widths: the other gaps count as at least this wide (digits that touch have no gap to compare with).</summary>
    public double MinimumGapShare { get; init; } = 0.15;

    /// <summary>Heights from the row's top: half a colon beyond an end lies below this...</summary>
    public double LoneColonDotFrom { get; init; } = 0.15;

    /// <summary>...and above this.</summary>
    public double LoneColonDotTo { get; init; } = 0.85;

    /// <summary>Heights: half a colon lies at most this far beyond an end of the row.</summary>
    public double LoneColonDotReach { get; init; } = 0.6;
}

/// <summary>A band between two positions, as fractions of a digit frame: start inclusive, end exclusive.</summary>
internal readonly record struct Zone(double From, double To);
