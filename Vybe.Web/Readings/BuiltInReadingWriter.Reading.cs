using System.Globalization;
using static System.FormattableString;

namespace Vybe.Web.Readings;

/// <summary>
/// One reading of one input. Each sentence is about something of this input (its digits through
/// their voices, their order, pairs, groups and pattern class, the hour of a time) or about its core
/// number; few are about the core number alone, so that readings of one core number differ.
/// </summary>
public sealed partial class BuiltInReadingWriter
{
    private static string Lite(NumerologyFacts facts) =>
        Paragraph(Opening(facts), NumberMeanings.For(facts.CoreNumber).Essence);

    private static string Standard(NumerologyFacts facts)
    {
        var profile = facts.Profile;
        var angel = NumberMeanings.Angel(facts.AngelNumber);
        var texture = facts.Time is { } time
            ? TimeOfDaySentence(facts, time)
            : profile.PatternClass == PatternClass.Mixed ? OrderSentence(profile) ?? CountsSentence(facts) : PatternLines(facts)[0];
        return Paragraph(
            Opening(facts),
            NumberMeanings.For(facts.CoreNumber).Essence,
            facts.Time is null ? CountsSentence(facts) : MinuteSentence(facts),
            texture,
            facts.IsKarmicDebt ? KarmicSentence(facts)[..^1] + $", a lesson that {DigitsPhrase(profile)} carry between them." : null,
            angel?.OwnSentence,
            GuidanceSentence(facts));
    }

    private static List<ReadingSection> Deep(NumerologyFacts facts)
    {
        var meaning = NumberMeanings.For(facts.CoreNumber);
        var profile = facts.Profile;
        return
        [
            new ReadingSection(ReadingShape.NumbersHeading, NumbersBody(facts)),
            new ReadingSection(ReadingShape.PatternHeading, PatternBody(facts)),
            new ReadingSection(ReadingShape.ThemesHeading, ThemesBody(facts)),
            new ReadingSection(ReadingShape.GuidanceHeading, GuidanceBody(facts)),
            new ReadingSection(
                ReadingShape.QuestionsHeading,
                QuestionsIntro(facts),
                [
                    meaning.Questions[(int)(Hash(facts.Digits, "question") % (uint)meaning.Questions.Count)],
                    DigitQuestion(facts),
                    ShapeQuestion(facts, profile),
                ]),
        ];
    }

    /// <summary>"317 reduces to 11, …, by way of expression, beginnings and reflection", worded for the all-zero and already-reduced cases.</summary>
    private static string Opening(NumerologyFacts facts)
    {
        var named = Invariant($"{facts.CoreNumber}, {Title(facts.CoreNumber)}");
        var way = $", by way of {DigitsPhrase(facts.Profile)}";
        string start;
        if (facts.CoreNumber == 0 && facts.Digits.Length > 1)
        {
            start = $"{facts.Input} is made only of zeros, {CountWord(facts.Digits.Length)} 0s of potential, so its core number is {named}";
        }
        else if (facts.ReductionChain.Count == 1)
        {
            start = facts.Digits.Length == 1
                ? $"{facts.Input} needs no reducing: it is {named}, a single digit of {Voice(facts.Digits[0]).Noun}"
                : $"{facts.Input} needs no reducing: it is {named}{way}";
        }
        else
        {
            start = $"{facts.Input} reduces to {named}{way}";
        }
        return start + AngelClause(facts) + ".";
    }

    private static string AngelClause(NumerologyFacts facts) =>
        NumberMeanings.Angel(facts.AngelNumber) is { } angel
            ? $"; it is also the angel number {angel.Digits}, {Called(angel.Name)}"
            : "";

    /// <summary>A short phrase that says which digits an input is made of, through what they stand for.</summary>
    private static string DigitsPhrase(DigitProfile profile)
    {
        var digits = profile.Digits;
        if (profile.Counts.Count == 1)
        {
            return $"{CountWord(digits.Length)} {digits[0]}s of {Voice(digits[0]).Noun}";
        }
        if (digits.Length <= 4)
        {
            return JoinList(digits.Select(c => Voice(c).Noun));
        }
        var lead = profile.Leading is { } leading ? Voice(leading.Digit).Noun : Voice(profile.Highest).Noun;
        return $"{CountWord(digits.Length)} digits that open on {Voice(profile.First).Noun}, close on {Voice(profile.Last).Noun} and lean most on {lead}";
    }

    // ---- The digits: counts, order, pairs and groups --------------------------------------------

    /// <summary>Each distinct digit, what it stands for and how often it appears.</summary>
    private static string CountsSentence(NumerologyFacts facts)
    {
        var profile = facts.Profile;
        if (profile.Length == 1)
        {
            return $"{facts.Input} is a single digit, the {profile.First} of {Voice(profile.First).Noun}, and what it brings is {Voice(profile.First).Gift}.";
        }
        if (profile.Counts.Count == 1)
        {
            return $"Every digit of {facts.Input} is the {profile.First} of {Voice(profile.First).Noun}, {Times(profile.Length)} over, so {Voice(profile.First).Gift} is all there is to hear.";
        }
        var repeated = profile.Counts.Where(c => c.Count > 1).ToArray();
        var single = profile.Counts.Where(c => c.Count == 1).ToArray();
        var parts = repeated.Select(c => $"the {c.Digit} of {Voice(c.Digit).Noun} {Times(c.Count)}").ToList();
        if (single.Length > 0)
        {
            var once = JoinList(single.Select(c => $"the {c.Digit} of {Voice(c.Digit).Noun}"));
            parts.Add(repeated.Length == 0 ? once : once + (single.Length == 1 ? " once" : " once each"));
        }
        var list = repeated.Length == 0 ? $"each once: {parts[0]}" : JoinList(parts);
        return $"{facts.Input} uses {CountWord(profile.Counts.Count)} different digits, {list}.";
    }

    /// <summary>How the digits move from left to right, and where they start and end.</summary>
    private static string? OrderSentence(DigitProfile profile)
    {
        string Of(int digit) => $"the {digit} of {Voice(digit).Noun}";
        return profile.Order switch
        {
            DigitOrder.Level => null,
            DigitOrder.Rising => $"Read from left to right the digits only climb, from {Of(profile.First)} up to {Of(profile.Last)}.",
            DigitOrder.Falling => $"Read from left to right the digits only fall, from {Of(profile.First)} down to {Of(profile.Last)}.",
            DigitOrder.RisingThenFalling => $"Read from left to right the digits climb from {Of(profile.First)} to {Of(profile.Highest)}, then come back down to {Of(profile.Last)}.",
            DigitOrder.FallingThenRising => $"Read from left to right the digits dip from {Of(profile.First)} to {Of(profile.Lowest)}, then rise again to {Of(profile.Last)}.",
            _ => $"Read from left to right the digits zigzag, starting on {Of(profile.First)}, touching {Of(profile.Highest)} at their highest and {Of(profile.Lowest)} at their lowest, and ending on {Of(profile.Last)}.",
        };
    }

    /// <summary>The pairs a short input is made of (317: 31 and 17), or the groups of three of a long one.</summary>
    private static string? PairsSentence(DigitProfile profile)
    {
        if (profile.Length == 1)
        {
            return null;
        }
        if (profile.Groups.Count > 0)
        {
            var openings = profile.Groups.Select(g => Voice(g[0]).Noun);
            return $"In groups of three, as a long number is read aloud, it is {JoinList(profile.Groups)}, opening in turn on {JoinList(openings)}.";
        }
        var steps = profile.Pairs.Select(pair => Step(pair[0], pair[1])).ToArray();
        if (profile.Pairs.Count > 1 && profile.Pairs.Distinct().Count() == 1)
        {
            return $"Taken in pairs, it reads {profile.Pairs[0]} {Times(profile.Pairs.Count)} over, {steps[0]} each time.";
        }
        return profile.Pairs.Count == 1
            ? $"As a pair, {profile.Pairs[0]} is {steps[0]}."
            : $"Taken in pairs, it reads {JoinList(profile.Pairs)}: {string.Join(", then ", steps)}.";
    }

    /// <summary>One step from a digit to the next, through what they stand for.</summary>
    private static string Step(char from, char to)
    {
        var (a, b) = (Voice(from).Noun, Voice(to).Noun);
        return from == to ? $"{a} said twice" : from < to ? $"{a} rising to {b}" : $"{a} settling into {b}";
    }

    // ---- The pattern class --------------------------------------------------------------------

    /// <summary>Two sentences on the input's pattern class: what the shape is here, and how traditions read it.</summary>
    private static string[] PatternLines(NumerologyFacts facts)
    {
        var profile = facts.Profile;
        var digits = facts.Digits;
        var first = Voice(profile.First);
        var last = Voice(profile.Last);
        switch (profile.PatternClass)
        {
            case PatternClass.OneDigit:
                return [
                    Invariant($"A single digit makes no pattern of its own, so the reading rests on the {profile.First} of {first.Noun} itself, undiluted."),
                    $"Nothing competes with {first.Gift} here.",
                ];
            case PatternClass.TwoAlike:
                return [
                    $"The {profile.First} of {first.Noun} appears twice, a double that traditions read as a quality underlined.",
                    $"Said twice, {first.Gift} asks to be taken seriously rather than noticed in passing.",
                ];
            case PatternClass.Repeating:
                {
                    var meaning = NumberMeanings.For(profile.First);
                    return [
                        $"The {profile.First} appears {Times(profile.Length)}, and nothing else.",
                        $"Repetition is said to amplify a digit, so the qualities of {profile.First}, {Called(meaning.Name)} ({JoinList(meaning.Keywords.Take(3))}), sound louder here than a single {profile.First} would.",
                    ];
                }
            case PatternClass.Alternating:
                {
                    var (a, b) = (Voice(digits[0]), Voice(digits[1]));
                    return [
                        $"{facts.Input} alternates: the {digits[0]} of {a.Noun} and the {digits[1]} of {b.Noun} take turns, {CountWord(digits.Length)} digits long.",
                        $"Traditions read alternation as a rhythm, a back-and-forth between {a.Gift} and {b.Gift} that asks for both sides to be honoured.",
                    ];
                }
            case PatternClass.RepeatedGroup:
                {
                    var unit = RepeatingUnit(digits);
                    return [
                        $"The group {unit} appears {Times(digits.Length / unit.Length)}, so {facts.Input} says the same thing more than once.",
                        $"Traditions read a repeated group as an echo, a message that comes round again because it is worth hearing, and here the echo carries {JoinList(unit.Distinct().Select(c => Voice(c).Noun))}.",
                    ];
                }
            case PatternClass.Mirror:
                {
                    var centre = Voice(digits[1]);
                    return [
                        $"{facts.Input} is a mirror: the {digits[0]} of {first.Noun} stands at both ends and the {digits[1]} of {centre.Noun} at its centre.",
                        $"Traditions read a mirror as balance held from both sides, with {centre.Gift} kept safe inside {first.Gift}.",
                    ];
                }
            case PatternClass.Palindrome:
                {
                    var middle = digits[digits.Length / 2];
                    return [
                        $"Its digits, {digits}, read the same forwards and backwards.",
                        $"Palindromes are associated with balance and with cycles that return to where they began; this one turns on the {middle} of {Voice(middle).Noun} at its centre, and what {first.Noun} sends out comes back to it.",
                    ];
                }
            case PatternClass.AscendingRun:
                return [
                    $"Its digits climb in order, {JoinList(digits.Select(c => c.ToString()))}, each one step higher than the last.",
                    $"An ascending run is read as progress in good order, here from {first.Noun} all the way up to {last.Noun}, with nothing skipped.",
                ];
            case PatternClass.DescendingRun:
                return [
                    $"Its digits step down in order, {JoinList(digits.Select(c => c.ToString()))}, each one lower than the last.",
                    $"A descending run is read as a countdown or a release, here from {first.Noun} down to {last.Noun}: simplifying and letting go.",
                ];
            case PatternClass.Pairs:
                {
                    var pairs = digits.Chunk(2).Select(p => $"the {p[0]} of {Voice(p[0]).Noun}");
                    return [
                        $"{facts.Input} is made of doubled pairs, {JoinList(pairs)}, each said twice.",
                        $"Traditions read doubled pairs as stages, each one finished before the next begins, here moving from {first.Noun} to {last.Noun}.",
                    ];
                }
            case PatternClass.Bookends:
                {
                    var inside = digits[1..^1].Distinct().Select(c => Voice(c).Noun);
                    return [
                        $"{facts.Input} begins and ends with the {profile.First} of {first.Noun}, like bookends around {JoinList(inside)}.",
                        $"Traditions read bookends as a return: whatever {JoinList(inside)} bring in between, {first.Gift} is where you start and where you come back to.",
                    ];
                }
            default:
                {
                    var lead = profile.Leading is { } leading
                        ? $"the {leading.Digit} of {Voice(leading.Digit).Noun} leads, appearing {Times(leading.Count)}, {Voice(Middle(profile)).Noun} holds the middle and {last.Noun} has the last word"
                        : $"no digit leads: {first.Noun} opens the way, {Voice(Middle(profile)).Noun} holds the middle and {last.Noun} has the last word";
                    var notes = profile.Counts.Select(c => $"the {c.Digit} ({Voice(c.Digit).Noun})");
                    return [
                        $"{facts.Input} makes none of the named patterns, so its character comes from the mix, in which {lead}.",
                        Invariant($"Between them, {JoinList(notes)} each add a note on the way to {facts.CoreNumber}."),
                    ];
                }
        }
    }

    private static string PatternGuidance(NumerologyFacts facts)
    {
        var profile = facts.Profile;
        var digits = facts.Digits;
        var (first, last) = (Voice(profile.First), Voice(profile.Last));
        return profile.PatternClass switch
        {
            PatternClass.OneDigit or PatternClass.TwoAlike or PatternClass.Repeating =>
                $"Each time the {profile.First} turns up, let it bring you back to {first.Noun}: {first.Action}.",
            PatternClass.Alternating =>
                $"Let the back-and-forth be a practice: a day given to {Voice(digits[0]).Noun}, then a day given to {Voice(digits[1]).Noun}, and notice which comes more easily.",
            PatternClass.RepeatedGroup =>
                $"If the group {RepeatingUnit(digits)} keeps returning, note where you were each time and what {JoinList(RepeatingUnit(digits).Distinct().Select(c => Voice(c).Noun))} meant to you then.",
            PatternClass.Mirror or PatternClass.Palindrome =>
                $"A mirror suggests looking back as well as forward: ask what in your life keeps {Voice(digits[digits.Length / 2]).Noun} at its centre, and whether {first.Noun} still protects it.",
            PatternClass.AscendingRun =>
                $"Let the climbing digits suggest a sequence: start from {first.Noun}, take the next step, and let {last.Noun} be where it leads.",
            PatternClass.DescendingRun =>
                $"Let the falling digits suggest a countdown: put down one thing that belongs to {first.Noun} before you reach for {last.Noun}.",
            PatternClass.Pairs =>
                $"Take the stages one at a time: finish with {first.Noun} before you give yourself to {last.Noun}.",
            PatternClass.Bookends =>
                $"Whatever the day brings between, {JoinList(digits[1..^1].Distinct().Select(c => Voice(c).Noun))} included, begin it and end it with {first.Noun}: {first.Action}.",
            _ => $"With no pattern to lean on, choose the digit of {facts.Input} that speaks to you most, whether {JoinList(profile.Counts.Select(c => Voice(c.Digit).Noun), "or")}, and let it set your intention for the week.",
        };
    }

    // ---- Times --------------------------------------------------------------------------------

    private static string TimeOfDaySentence(NumerologyFacts facts, TimeOfDay time)
    {
        var clock = facts.Clock!;
        var hour = JoinList(clock.Hour.Select(c => Voice(c).Noun).Distinct());
        var minute = JoinList(clock.Minute.Select(c => Voice(c).Noun).Distinct());
        var (when, mood) = time.PartOfDay switch
        {
            PartOfDay.SmallHours => ("in the small hours", "when most of the world is asleep and thoughts run loud"),
            PartOfDay.EarlyMorning => ("in the early morning", "before the day has made its demands"),
            PartOfDay.Morning => ("in the morning", "while the day is still taking shape"),
            PartOfDay.Midday => ("around midday", "at the hinge of the day"),
            PartOfDay.Afternoon => ("in the afternoon", "when the day's work is under way"),
            PartOfDay.Evening => ("in the evening", "as the day turns towards rest"),
            _ => ("late at night", "when the day is letting go"),
        };
        return hour == minute
            ? $"{facts.Input} falls {when}, {mood}, and here the hour and the minute speak of {hour} with one voice."
            : $"{facts.Input} falls {when}, {mood}, and here the hour's {hour} meets the minute's {minute}.";
    }

    private static string MinuteSentence(NumerologyFacts facts)
    {
        var clock = facts.Clock!;
        var time = facts.Time!;
        var (h, m) = (clock.Hour, clock.Minute);
        return time.MinuteEcho switch
        {
            MinuteEcho.Hour => $"The minute repeats the hour exactly, so {JoinList(h.Select(c => Voice(c).Noun).Distinct())} is said twice over.",
            MinuteEcho.HourMirrored => $"The minute mirrors the hour, {Voice(h[0]).Noun} and {Voice(h[1]).Noun} turned back on themselves.",
            MinuteEcho.OnTheHour => $"On the hour the minute is all potential, two 0s that leave the hour's {Voice(h[1]).Noun} to speak alone.",
            MinuteEcho.HoursLastDigit => $"The minute takes up the hour's last digit, the {h[1]} of {Voice(h[1]).Noun}, and says it twice more.",
            MinuteEcho.OwnDigit => $"The minute repeats its own digit, the {m[0]} of {Voice(m[0]).Noun}, underlining {Voice(m[0]).Gift}.",
            MinuteEcho.SharedDigit => $"The minute, {Voice(m[0]).Noun} then {Voice(m[1]).Noun}, shares {JoinList(m.Intersect(h).Select(c => $"the {c} of {Voice(c).Noun}"))} with an hour of {Voice(h[0]).Noun} and {Voice(h[1]).Noun}, a thread that runs through the whole time.",
            _ => $"The minute brings digits the hour does not have, so the time moves from {Voice(h[0]).Noun} and {Voice(h[1]).Noun} to {Voice(m[0]).Noun} and {Voice(m[1]).Noun}.",
        };
    }

    private static string TimeGuidance(NumerologyFacts facts, TimeOfDay time)
    {
        var minute = Voice(facts.Clock!.Minute[1]);
        var hour = JoinList(facts.Clock.Hour.Select(c => Voice(c).Noun).Distinct());
        if (hour == minute.Noun)
        {
            // The minute would only repeat the hour's word: speak of the one quality the whole time carries.
            return time.PartOfDay switch
            {
                PartOfDay.SmallHours or PartOfDay.LateNight => $"At this hour of the night, when the whole time speaks of {hour}, note what it brought to mind and let it wait for the light.",
                PartOfDay.EarlyMorning or PartOfDay.Morning => $"With the whole morning time speaking of {hour}, {minute.Action} before the day fills up.",
                _ => $"With the whole time speaking of {hour}, pause for a moment today and ask where {hour} is already at work in your life.",
            };
        }
        return time.PartOfDay switch
        {
            PartOfDay.SmallHours => $"If an hour of {hour} finds you awake in the small hours, write the thought down and leave {minute.Noun} for the morning.",
            PartOfDay.EarlyMorning => $"Early in the day, with the hour bringing {hour}, is a good time to set one intention; let it be about {minute.Noun}.",
            PartOfDay.Morning => $"While the morning is still open and the hour brings {hour}, {minute.Action}.",
            PartOfDay.Midday => $"At the middle of the day, in an hour of {hour}, pause long enough to ask how {minute.Noun} has fared so far.",
            PartOfDay.Afternoon => $"In the afternoon slump, in an hour of {hour}, let {minute.Noun} be the thing you come back to.",
            PartOfDay.Evening => $"As the evening comes, in an hour of {hour}, look back on where {minute.Noun} showed up today.",
            _ => $"Late at night, in an hour of {hour}, be gentle with yourself, and carry {minute.Noun} into sleep rather than into worry.",
        };
    }

    // ---- Deep sections ------------------------------------------------------------------------

    private static string NumbersBody(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        var meaning = NumberMeanings.For(core);
        var profile = facts.Profile;
        var sentences = new List<string> { CountsSentence(facts) };
        if (OrderSentence(profile) is { } order)
        {
            sentences.Add(order);
        }
        if (PairsSentence(profile) is { } pairs)
        {
            sentences.Add(pairs);
        }

        if (core == 0)
        {
            sentences.Add(facts.Digits.Length == 1
                ? "0 is a single digit, and that digit is 0, so there is nothing to add up or reduce."
                : $"Every digit is 0, so the sum is simply {facts.SumText} and there is nothing to reduce.");
            sentences.Add($"This is the one exception to the usual rule: every other input reduces to a digit from 1 to 9 or to a master number, but a reading made only of zeros keeps 0 as its core number, {Title(0)}, the number of potential and wholeness.");
        }
        else if (facts.Digits.Length == 1)
        {
            sentences.Add(Invariant($"There is nothing to add up: its core number is {core}, {Title(core)}."));
        }
        else if (facts.ReductionChain.Count == 1 && facts.IsMasterNumber)
        {
            sentences.Add(facts.Digits == core.ToString(CultureInfo.InvariantCulture)
                ? Invariant($"{core} is itself one of the master numbers, so traditions keep it as it is; adding its digits, {facts.SumText}, would give its root instead, and its core number is {core}, {Title(core)}.")
                : Invariant($"Read as a whole, {facts.Digits} is already {core}, one of the master numbers, so traditions keep it as it is; adding its digits, {facts.SumText}, would give its root instead, and its core number is {core}, {Title(core)}."));
        }
        else if (facts.ReductionChain.Count == 1)
        {
            sentences.Add(Invariant($"Leading zeros add nothing ({facts.SumText}), so {facts.Input} is already the single digit {core}, {Title(core)}."));
        }
        else
        {
            sentences.Add(facts.ReductionChain.Count == 2
                ? Invariant($"{AddedTogether(profile)}, {facts.SumText}{GivingTheMost(profile)}, so the chain is short, {facts.ReductionText}, and leaves {core}, {Title(core)}.")
                : Invariant($"{AddedTogether(profile)}, {facts.SumText}{GivingTheMost(profile)}; adding again until a single digit or a master number remains gives the full chain {facts.ReductionText}, which leaves {core}, {Title(core)}."));
        }

        sentences.Add(meaning.Essence);

        if (facts.IsMasterNumber)
        {
            var root = NumerologyEngine.Root(core);
            sentences.Add(Invariant($"Traditions keep the master numbers 11, 22 and 33 whole instead of adding their digits again, so beneath {core} sits its root, {root}, {Title(root)}, whose qualities it carries at a higher pitch, reached here through {DigitsPhrase(profile)}."));
        }

        foreach (var debt in facts.KarmicDebtNumbers)
        {
            var carried = $"read as a lesson carried over rather than a punishment, one that {DigitsPhrase(profile)} carry between them";
            sentences.Add(facts.ReductionChain[0] == debt
                ? (facts.Digits == debt.ToString(CultureInfo.InvariantCulture)
                    ? Invariant($"{debt} is itself one of the karmic debt numbers (13, 14, 16 and 19), {carried}.")
                    : Invariant($"Read as a number, {facts.Digits} is {debt}, one of the karmic debt numbers (13, 14, 16 and 19), {carried}."))
                : Invariant($"On the way down, the chain passes through {debt}, one of the karmic debt numbers (13, 14, 16 and 19), {carried}."));
            sentences.Add(FirstSentence(KarmicDeep(debt)));
        }

        return Paragraph([.. sentences]);
    }

    private static string PatternBody(NumerologyFacts facts)
    {
        var sentences = new List<string>();
        foreach (var pattern in facts.Patterns.Where(p => p is NumberPattern.DoubleHour or NumberPattern.MirrorHour))
        {
            sentences.Add(ClockPatternText(facts, pattern));
        }
        if (facts.Time is { } time)
        {
            sentences.Add(TimeOfDaySentence(facts, time));
            sentences.Add(MinuteSentence(facts));
        }
        sentences.AddRange(PatternLines(facts));

        if (NumberMeanings.Angel(facts.AngelNumber) is { } angel)
        {
            sentences.Add(facts.Input == angel.Digits
                ? $"It is also the angel number {angel.Digits}, known as {Called(angel.Name)}."
                : $"Traditions also know {facts.Input} as the angel number {angel.Digits}, {Called(angel.Name)}.");
            sentences.Add(angel.Message);
        }
        return Paragraph([.. sentences]);
    }

    private static string ClockPatternText(NumerologyFacts facts, NumberPattern pattern) => pattern switch
    {
        NumberPattern.DoubleHour => $"{facts.Input} is a double hour: the hour and the minute show the same digits. "
            + "Traditions read a double hour as a moment of synchronicity, a nudge to pause and notice what you were thinking or feeling when it caught your eye.",
        _ => $"{facts.Input} is a mirror hour: the minute reflects the hour digit for digit, like a reflection in glass. "
            + "Traditions read mirror hours as a sign of reflection and connection, a prompt to look at what your life is showing back to you, or at someone who is on your mind.",
    };

    private static string ThemesBody(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        var meaning = NumberMeanings.For(core);
        var profile = facts.Profile;
        var added = profile.Counts.Where(c => !meaning.Keywords.Contains(Voice(c.Digit).Noun))
            .Select(c => c.Count == 1 ? Voice(c.Digit).Noun : $"{Voice(c.Digit).Noun} {Times(c.Count)} over").ToArray();
        var lead = profile.Leading?.Digit ?? profile.First;
        IEnumerable<string> gifts = facts.Clock is { } clock && clock.Hour.Distinct().Order().SequenceEqual(clock.Minute.Distinct().Order())
            ? [$"the hour and the minute both bring {JoinList(clock.Hour.Distinct().Select(c => Voice(c).Gift))}"]
            : facts.Clock is { } differing
            ? [$"the hour brings {JoinList(differing.Hour.Distinct().Select(c => Voice(c).Gift))}", $"the minute {JoinList(differing.Minute.Distinct().Select(c => Voice(c).Gift))}"]
            : profile.Counts.OrderByDescending(c => c.Count).Take(3).Select(c => $"the {c.Digit} brings {Voice(c.Digit).Gift}");
        var traps = profile.Counts.Count == 1
            ? $"watch for {Voice(lead).Trap}, the trap of the {lead} that is all there is"
            : lead == profile.Last
            ? $"watch for {Voice(lead).Trap}, the trap of the {lead} that carries it, and for {Voice(Middle(profile)).Trap} at its heart"
            : $"watch for {Voice(lead).Trap} where the {lead} of {Voice(lead).Noun} leads, for {Voice(Middle(profile)).Trap} in the middle and for {Voice(profile.Last).Trap} where the {profile.Last} closes";
        return Paragraph(
            Invariant($"Around {core} traditions gather {JoinList(meaning.Keywords)}") + (added.Length > 0
                ? $"; the digits of {facts.Input} add {JoinList(added)}."
                : $", and the digits of {facts.Input} bring nothing foreign to them."),
            FirstSentence(meaning.Themes),
            $"Within those themes, {JoinList(gifts)}.",
            Invariant($"The trap of {core} is {DigitVoices.CoreTrap(core)}; in {facts.Input}, {traps}."));
    }

    /// <summary>The core number's action, taken up by the digit that opens the input.</summary>
    private static string GuidanceSentence(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        var profile = facts.Profile;
        var first = Voice(profile.First);
        var way = facts.Clock is { } clock ? $"{facts.Input} suggests a way in: {Voice(clock.Hour[1]).Action}, and let {JoinList(clock.Minute.Select(c => Voice(c).Noun).Distinct())} follow" : profile.Length switch
        {
            1 => $"{facts.Input} suggests a way in: {first.Action}",
            2 => $"{facts.Input} suggests a way in: {first.Action}, then {Voice(profile.Last).Action}",
            _ when profile.Counts.Count == 1 => $"{facts.Input} suggests a way in: {first.Action}, and come back to it each time the {profile.First} turns up",
            _ => $"{facts.Input} suggests a way in: {first.Action}, keep {Voice(Middle(profile)).Noun} close along the way, and end the day as its {profile.Last} does, with {Voice(profile.Last).Noun}",
        };
        return $"{CoreWord(core)} invites you to {DigitVoices.CoreAction(core)}, and {way}.";
    }

    private static string GuidanceBody(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        var profile = facts.Profile;
        var sentences = new List<string> { GuidanceSentence(facts) };
        if (facts.IsMasterNumber)
        {
            var root = NumerologyEngine.Root(core);
            sentences.Add(Invariant($"Master numbers are said to ask more of the people who meet them, so be patient with yourself if the higher note is hard to hold; on harder days, its root, {root}, {Title(root)}, is a steadier place to stand, and {DigitsPhrase(profile)} can be your footing."));
        }
        sentences.AddRange(facts.KarmicDebtNumbers.Select(debt =>
            KarmicGuidance(debt)[..^1] + $", beginning with what {Voice(profile.First).Noun} and {Voice(Middle(profile)).Noun} ask of you."));
        sentences.Add(PatternGuidance(facts));
        if (facts.Time is { } time)
        {
            sentences.Add(TimeGuidance(facts, time));
        }
        return Paragraph([.. sentences]);
    }

    private static string QuestionsIntro(NumerologyFacts facts)
    {
        var meaning = NumberMeanings.For(facts.CoreNumber);
        var profile = facts.Profile;
        // The reminder that a reading is not a forecast rides here, in a sentence of this input's own.
        return Invariant($"A reading is a mirror to think with, not a forecast, so here are three questions to sit with in your own time, drawn from {meaning.Keywords[0]} ({facts.CoreNumber}), from its {PatternWord(profile.PatternClass)} and from {DigitsPhrase(profile)}.");
    }

    private static string DigitQuestion(NumerologyFacts facts)
    {
        var profile = facts.Profile;
        var first = Voice(profile.First);
        return profile.Length switch
        {
            1 => $"With {first.Noun} standing alone in {facts.Input}, {first.Question}?",
            2 => $"With {first.Noun} at the start of {facts.Input} and {Voice(profile.Last).Noun} at its end, {first.Question}?",
            _ when profile.Counts.Count == 1 => $"With {first.Noun} in every digit of {facts.Input}, {first.Question}?",
            _ when profile.First == profile.Last && Middle(profile) == profile.First => $"With {first.Noun} at both ends of {facts.Input} and at its heart, {first.Question}?",
            _ => $"With {first.Noun} at the start of {facts.Input}, {Voice(Middle(profile)).Noun} at its heart and {Voice(profile.Last).Noun} at its end, {Voice(Middle(profile)).Question}?",
        };
    }

    private static string ShapeQuestion(NumerologyFacts facts, DigitProfile profile)
    {
        if (facts.Time is { } time)
        {
            var minute = JoinList(facts.Clock!.Minute.Select(c => Voice(c).Noun).Distinct());
            var hour = JoinList(facts.Clock.Hour.Select(c => Voice(c).Noun).Distinct());
            if (hour == minute)
            {
                return time.PartOfDay switch
                {
                    PartOfDay.SmallHours or PartOfDay.LateNight => $"What is it about the night that brings {hour} to mind, and what would you do about it by day?",
                    PartOfDay.EarlyMorning or PartOfDay.Morning => $"What would change if you began tomorrow morning with {hour}, and kept to it all day?",
                    _ => $"Where in the middle of your day is there room for {hour}, and who would notice if you made it?",
                };
            }
            return time.PartOfDay switch
            {
                PartOfDay.SmallHours or PartOfDay.LateNight => $"What is it about the night that brings {minute} to mind after an hour of {hour}, and what would you do about it by day?",
                PartOfDay.EarlyMorning or PartOfDay.Morning => $"What would change if you began tomorrow morning with {hour}, and let {minute} follow?",
                _ => $"Where in the middle of your day is there room for {hour}, and then for {minute}?",
            };
        }
        var lead = Voice(profile.Leading?.Digit ?? profile.Highest);
        return profile.PatternClass switch
        {
            PatternClass.OneDigit or PatternClass.TwoAlike or PatternClass.Repeating => $"If {lead.Noun} were turned up louder in your life, what would it drown out?",
            PatternClass.Alternating => $"Where do you swing between {Voice(facts.Digits[0]).Noun} and {Voice(facts.Digits[1]).Noun}, and what would let both stay?",
            PatternClass.Mirror or PatternClass.Palindrome => $"What at the centre of your life is {Voice(facts.Digits[facts.Digits.Length / 2]).Noun} asking you to protect?",
            PatternClass.AscendingRun => $"What is the next step up from {Voice(profile.Last).Noun}?",
            PatternClass.DescendingRun => $"What could you set down on the way from {Voice(profile.First).Noun} to {Voice(profile.Last).Noun}?",
            _ => profile.Length >= 3
                ? $"Where in your life do {JoinList(Heart(profile).Select(c => Voice(c).Noun).Distinct())} meet, as they do at the heart of {facts.Input}?"
                : $"Where in your life does {lead.Noun} already lead, and where would you like it to?",
        };
    }

    // ---- Wording ------------------------------------------------------------------------------

    private static DigitVoice Voice(char digit) => DigitVoices.For(digit);

    /// <summary>The middle digit (of an even length, the one just right of the middle).</summary>
    // "Added together from the 1 of beginnings to the 1 of beginnings" says nothing when one digit is all there is.
    private static string AddedTogether(DigitProfile profile) => profile.Counts.Count == 1
        ? $"Added together, its {CountWord(profile.Length)} {profile.First}s"
        : Invariant($"Added together from the {profile.First} of {Voice(profile.First).Noun} to the {profile.Last} of {Voice(profile.Last).Noun}");

    private static string GivingTheMost(DigitProfile profile) => profile.Counts.Count == 1 ? "" : Invariant($", with the {profile.Highest} giving the most");

    private static int Middle(DigitProfile profile) => profile.Digits[profile.Length / 2] - '0';

    /// <summary>Up to three digits from the middle of the input.</summary>
    private static string Heart(DigitProfile profile) =>
        profile.Length <= 3 ? profile.Digits : profile.Digits.Substring((profile.Length - 3) / 2, 3);

    private static DigitVoice Voice(int digit) => DigitVoices.For(digit);

    private static string PatternWord(PatternClass pattern) => pattern switch
    {
        PatternClass.OneDigit => "single digit",
        PatternClass.TwoAlike => "doubled digit",
        PatternClass.Repeating => "repetition",
        PatternClass.Alternating => "alternation",
        PatternClass.RepeatedGroup => "repeated group",
        PatternClass.Mirror => "mirror",
        PatternClass.Palindrome => "palindrome",
        PatternClass.AscendingRun => "climbing run",
        PatternClass.DescendingRun => "falling run",
        PatternClass.Pairs => "doubled pairs",
        PatternClass.Bookends => "bookends",
        _ => "mix of digits",
    };

    /// <summary>The number as a capitalised word, as the table's guidance begins: "Four", "Eleven".</summary>
    private static string CoreWord(int core) => core switch
    {
        0 => "Zero",
        1 => "One",
        2 => "Two",
        3 => "Three",
        4 => "Four",
        5 => "Five",
        6 => "Six",
        7 => "Seven",
        8 => "Eight",
        9 => "Nine",
        11 => "Eleven",
        22 => "Twenty-two",
        33 => "Thirty-three",
        _ => throw new ArgumentOutOfRangeException(nameof(core), core, "Core numbers are 0–9, 11, 22 and 33."),
    };

    private static string FirstSentence(string text) =>
        text.IndexOf(". ", StringComparison.Ordinal) is var end and >= 0 ? text[..(end + 1)] : text;
}
