using System.Globalization;
using static System.FormattableString;

namespace Vybe.Web.Readings;

/// <summary>
/// The default writer: composes a reading from the engine's facts and the curated table of
/// meanings, with no network. It describes numbers, it never works them out: every sum, chain and
/// core number comes from the facts. Where phrasing varies, the variant is chosen by a stable hash
/// of the digits, so the same facts at the same depth always give the same text.
/// </summary>
public sealed class BuiltInReadingWriter : IReadingWriter
{
    public const string Name = "built-in";

    public Task<WrittenReading> WriteAsync(NumerologyFacts facts, ReadingDepth depth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<WrittenReading>(cancellationToken);
        }

        IReadOnlyList<ReadingSection> sections = depth switch
        {
            ReadingDepth.Lite => [new ReadingSection("", Lite(facts))],
            ReadingDepth.Standard => [new ReadingSection("", Standard(facts))],
            ReadingDepth.Deep => Deep(facts),
            _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "Depths are lite, standard and deep."),
        };
        return Task.FromResult(new WrittenReading(Name, sections));
    }

    public Task<WrittenReading> WriteComparisonAsync(ComparisonFacts comparison, ReadingDepth depth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<WrittenReading>(cancellationToken);
        }

        IReadOnlyList<ReadingSection> sections = depth switch
        {
            ReadingDepth.Lite => [new ReadingSection("", CompareLite(comparison))],
            ReadingDepth.Standard => [new ReadingSection("", CompareStandard(comparison))],
            ReadingDepth.Deep => CompareDeep(comparison),
            _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "Depths are lite, standard and deep."),
        };
        return Task.FromResult(new WrittenReading(Name, sections));
    }

    // ---- One reading -------------------------------------------------------------------------

    private static string Lite(NumerologyFacts facts) =>
        Paragraph(Opening(facts) + AngelClause(facts) + ".", NumberMeanings.For(facts.CoreNumber).Essence);

    private static string Standard(NumerologyFacts facts)
    {
        var meaning = NumberMeanings.For(facts.CoreNumber);
        var angel = NumberMeanings.Angel(facts.AngelNumber);

        var karmic = facts.IsKarmicDebt ? KarmicSentence(facts) : null;
        var texture = facts.Patterns.Count > 0 ? ShortPatternSentence(facts, facts.Patterns[0]) : ShortMixSentence(facts);

        // A paragraph is four to seven sentences: opening, essence and two of guidance always,
        // then the karmic note and the angel message (two sentences). The pattern sentence gives
        // way when there is no room, which happens only for a long repeat through a karmic debt
        // (4444 → 16 → 7), whose angel message speaks of the repetition anyway.
        var fixedCount = 4 + facts.KarmicDebtNumbers.Count + (angel is null ? 0 : 2);
        if (fixedCount + 1 > 7)
        {
            texture = null;
        }

        return Paragraph(
            Opening(facts) + AngelClause(facts) + ".",
            meaning.Essence,
            karmic,
            texture,
            angel?.Message,
            meaning.Guidance);
    }

    private static List<ReadingSection> Deep(NumerologyFacts facts)
    {
        var meaning = NumberMeanings.For(facts.CoreNumber);
        return
        [
            new ReadingSection(ReadingShape.NumbersHeading, NumbersBody(facts)),
            new ReadingSection(ReadingShape.PatternHeading, PatternBody(facts)),
            new ReadingSection(ReadingShape.ThemesHeading, ThemesBody(facts)),
            new ReadingSection(ReadingShape.GuidanceHeading, GuidanceBody(facts)),
            new ReadingSection(
                ReadingShape.QuestionsHeading,
                Pick(facts.Digits, "questions",
                    "Three questions to sit with, in your own time.",
                    "Some questions to carry with you over the next few days.",
                    "Take these questions with you, and answer them only for yourself."),
                meaning.Questions),
        ];
    }

    /// <summary>"11:11 reduces to 4, the Builder", worded for the all-zero and already-reduced cases.</summary>
    private static string Opening(NumerologyFacts facts)
    {
        var named = Invariant($"{facts.CoreNumber}, {Title(facts.CoreNumber)}");
        if (facts.CoreNumber == 0 && facts.Digits.Length > 1)
        {
            return $"{facts.Input} is made only of zeros, so its core number is {named}";
        }
        if (facts.ReductionChain.Count == 1)
        {
            return $"{facts.Input} needs no reducing: it is {named}";
        }
        return $"{facts.Input} reduces to {named}";
    }

    private static string AngelClause(NumerologyFacts facts) =>
        NumberMeanings.Angel(facts.AngelNumber) is { } angel
            ? $"; it is also the angel number {angel.Digits}, {Called(angel.Name)}"
            : "";

    private static string NumbersBody(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        var meaning = NumberMeanings.For(core);
        var sentences = new List<string>();

        if (facts.Digits.Length > 1)
        {
            sentences.Add(facts.Digits.All(c => c == facts.Digits[0])
                ? $"The digits of {facts.Input} are {CountWord(facts.Digits.Length)} {facts.Digits[0]}s."
                : $"The digits of {facts.Input} are {JoinList(facts.Digits.Select(c => c.ToString()))}: {RepeatDescription(facts.Digits)}.");
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
            sentences.Add(Invariant($"{facts.Input} is a single digit, so there is nothing to add up: its core number is {core}, {Title(core)}."));
        }
        else if (facts.ReductionChain.Count == 1 && facts.IsMasterNumber)
        {
            sentences.Add(facts.Digits == core.ToString(CultureInfo.InvariantCulture)
                ? Invariant($"{core} is itself one of the master numbers, so traditions keep it as it is; adding its digits, {facts.SumText}, would give its root instead.")
                : Invariant($"Read as a whole, {facts.Digits} is already {core}, one of the master numbers, so traditions keep it as it is; adding its digits, {facts.SumText}, would give its root instead."));
            sentences.Add(Invariant($"Its core number is {core}, {Title(core)}."));
        }
        else if (facts.ReductionChain.Count == 1)
        {
            sentences.Add(Invariant($"Leading zeros add nothing ({facts.SumText}), so {facts.Input} is already the single digit {core}, {Title(core)}."));
        }
        else
        {
            sentences.Add(facts.ReductionChain.Count == 2
                ? $"Added together, {facts.SumText}, so the chain is short: {facts.ReductionText}."
                : $"Added together, {facts.SumText}; adding again until a single digit or a master number remains gives the full chain {facts.ReductionText}.");
            sentences.Add(Invariant($"That leaves {core}, {Title(core)}."));
        }

        sentences.Add(meaning.Essence);

        if (facts.IsMasterNumber)
        {
            var root = NumerologyEngine.Root(core);
            sentences.Add("Traditions keep the master numbers 11, 22 and 33 whole instead of adding their digits again, because the doubled digit is said to carry its meaning at a higher pitch.");
            sentences.Add(Invariant($"Beneath {core} sits its root, {root}, {Title(root)}, whose qualities it still carries."));
        }

        if (facts.IsKarmicDebt)
        {
            foreach (var debt in facts.KarmicDebtNumbers)
            {
                sentences.Add(facts.ReductionChain[0] == debt
                    ? (facts.Digits == debt.ToString(CultureInfo.InvariantCulture)
                        ? Invariant($"{debt} is itself one of the karmic debt numbers (13, 14, 16 and 19).")
                        : Invariant($"Read as a number, {facts.Digits} is {debt}, one of the karmic debt numbers (13, 14, 16 and 19)."))
                    : Invariant($"On the way down, the chain passes through {debt}, one of the karmic debt numbers (13, 14, 16 and 19)."));
                sentences.Add(KarmicDeep(debt));
            }
            sentences.Add("Traditions read a karmic debt number as a lesson carried over, not as a punishment: something to grow through rather than to fear.");
        }

        return Paragraph([.. sentences]);
    }

    private static string PatternBody(NumerologyFacts facts)
    {
        var sentences = new List<string>();
        if (facts.Patterns.Count > 0)
        {
            sentences.AddRange(facts.Patterns.Select(pattern => DeepPatternText(facts, pattern)));
        }
        else if (facts.Digits.Length == 1)
        {
            sentences.Add(Invariant($"A single digit makes no pattern of its own, so the reading rests on {facts.CoreNumber} itself, undiluted."));
        }
        else
        {
            sentences.Add(DeepMixText(facts));
        }

        if (NumberMeanings.Angel(facts.AngelNumber) is { } angel)
        {
            sentences.Add(facts.Input == angel.Digits
                ? $"It is also the angel number {angel.Digits}, known as {Called(angel.Name)}."
                : $"Traditions also know {facts.Input} as the angel number {angel.Digits}, {Called(angel.Name)}.");
            sentences.Add(angel.Message);
        }

        return Paragraph([.. sentences]);
    }

    private static string ThemesBody(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        var meaning = NumberMeanings.For(core);
        return Paragraph(
            Invariant($"The words traditions gather around {core} are {JoinList(meaning.Keywords)}."),
            meaning.Themes,
            Pick(facts.Digits, "shadow",
                "Every number has a shadow side as well.",
                Invariant($"Like every number, {core} has a shadow too."),
                "No number is all light, and this one is no exception."),
            meaning.Shadow);
    }

    private static string GuidanceBody(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        var sentences = new List<string> { NumberMeanings.For(core).Guidance };
        if (facts.IsMasterNumber)
        {
            var root = NumerologyEngine.Root(core);
            sentences.Add(Invariant($"Master numbers are said to ask more of the people who meet them, so be patient with yourself if the higher note is hard to hold; on harder days, its root, {root}, {Title(root)}, is a steadier place to stand."));
        }
        sentences.AddRange(facts.KarmicDebtNumbers.Select(KarmicGuidance));
        if (facts.Patterns.Count > 0)
        {
            sentences.Add(PatternGuidance(facts, facts.Patterns[0]));
        }
        sentences.Add(Pick(facts.Digits, "closing",
            "Take what is useful here and leave the rest: a reading is a mirror to think with, not a forecast.",
            "None of this is a prediction; it is an invitation to notice, and the choosing stays with you.",
            "Treat this as a lens rather than a verdict: the meaning that matters is the one you make with it."));
        return Paragraph([.. sentences]);
    }

    // ---- Patterns and the mix of digits -------------------------------------------------------

    private static string ShortPatternSentence(NumerologyFacts facts, NumberPattern pattern) => pattern switch
    {
        NumberPattern.DoubleHour =>
            "As a double hour, with the hour and the minute alike, it is traditionally read as a moment of synchronicity, a small invitation to pause.",
        NumberPattern.MirrorHour =>
            "As a mirror hour, the minute reflecting the hour, it is read as a prompt to look at what your life is reflecting back to you.",
        NumberPattern.RepeatingDigits =>
            $"The {facts.Digits[0]} appears {Times(facts.Digits.Length)}, and repetition is said to amplify a digit, so the qualities of {facts.Digits[0]}, {Title(facts.Digits[0] - '0')}, sound louder here.",
        NumberPattern.RepeatedGroup =>
            $"The group {RepeatingUnit(facts.Digits)} comes round {Times(facts.Digits.Length / RepeatingUnit(facts.Digits).Length)}, an echo that traditions read as a message worth hearing again.",
        NumberPattern.Palindrome =>
            "Its digits read the same forwards and backwards, a palindrome associated with balance and with cycles that come full circle.",
        NumberPattern.AscendingRun =>
            "Its digits climb one step at a time, an ascending run read as progress made in good order.",
        NumberPattern.DescendingRun =>
            "Its digits step down one at a time, a descending run read as simplifying and letting go.",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, null),
    };

    private static string DeepPatternText(NumerologyFacts facts, NumberPattern pattern)
    {
        switch (pattern)
        {
            case NumberPattern.DoubleHour:
                return $"{facts.Input} is a double hour: the hour and the minute show the same digits. "
                    + "Traditions read a double hour as a moment of synchronicity, a nudge to pause and notice what you were thinking or feeling when it caught your eye.";
            case NumberPattern.MirrorHour:
                return $"{facts.Input} is a mirror hour: the minute reflects the hour digit for digit, like a reflection in glass. "
                    + "Traditions read mirror hours as a sign of reflection and connection, a prompt to look at what your life is showing back to you, or at someone who is on your mind.";
            case NumberPattern.RepeatingDigits:
                {
                    var digit = facts.Digits[0];
                    var meaning = NumberMeanings.For(digit - '0');
                    return $"The {digit} appears {Times(facts.Digits.Length)}, and nothing else. "
                        + $"Repetition is said to amplify a digit, so the qualities of {digit}, {Called(meaning.Name)} ({JoinList(meaning.Keywords.Take(3))}), sound louder here than a single {digit} would.";
                }
            case NumberPattern.RepeatedGroup:
                {
                    var unit = RepeatingUnit(facts.Digits);
                    var distinct = unit.Distinct().Select(c => $"the {c}");
                    return $"The group {unit} appears {Times(facts.Digits.Length / unit.Length)}, so {facts.Input} says the same thing more than once. "
                        + $"Traditions read a repeated group as an echo, a message that comes round again because it is worth hearing, and here the echo carries {JoinList(distinct)} together.";
                }
            case NumberPattern.Palindrome:
                return $"Its digits, {facts.Digits}, read the same forwards and backwards. "
                    + "Palindromes are associated with balance and with cycles that return to where they began: what goes out comes back.";
            case NumberPattern.AscendingRun:
                return $"Its digits climb in order, {JoinList(facts.Digits.Select(c => c.ToString()))}, each one step higher than the last. "
                    + "An ascending run is read as progress in good order: one step, then the next, with nothing skipped.";
            case NumberPattern.DescendingRun:
                return $"Its digits step down in order, {JoinList(facts.Digits.Select(c => c.ToString()))}, each one lower than the last. "
                    + "A descending run is read as a countdown or a release: simplifying, letting go and returning to what matters most.";
            default:
                throw new ArgumentOutOfRangeException(nameof(pattern), pattern, null);
        }
    }

    private static string PatternGuidance(NumerologyFacts facts, NumberPattern pattern) => pattern switch
    {
        NumberPattern.DoubleHour =>
            "When a double hour next catches your eye, let it be a cue to take one slow breath and ask what you are giving your attention to.",
        NumberPattern.MirrorHour =>
            "When a mirror hour next appears, ask what in your life is reflecting you back to yourself, and whether you like what you see.",
        NumberPattern.RepeatingDigits =>
            $"Each time the repeated {facts.Digits[0]} turns up, let it bring you back to {NumberMeanings.For(facts.Digits[0] - '0').Keywords[0]}, the first quality it stands for.",
        NumberPattern.RepeatedGroup =>
            "If the same group keeps returning, note where you were and what you were thinking each time: echoes are easier to understand side by side.",
        NumberPattern.Palindrome =>
            "A palindrome suggests looking back as well as forward: what began this cycle may hold the key to finishing it well.",
        NumberPattern.AscendingRun =>
            "Let the climbing digits suggest a sequence: choose the next step, take it, then choose the one after.",
        NumberPattern.DescendingRun =>
            "Let the falling digits suggest a countdown: one thing you could put down or simplify before you take on anything new.",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, null),
    };

    /// <summary>For a standard reading without a pattern: the digit that repeats, if one does.</summary>
    private static string? ShortMixSentence(NumerologyFacts facts)
    {
        if (MostRepeated(facts.Digits) is not { } repeated)
        {
            return null;
        }
        var keywords = NumberMeanings.For(repeated.Digit - '0').Keywords;
        return $"The {repeated.Digit} appears {Times(repeated.Count)}, giving a little extra weight to {keywords[0]} and {keywords[1]}.";
    }

    private static string DeepMixText(NumerologyFacts facts)
    {
        var sentences = new List<string>
        {
            Pick(facts.Digits, "mix",
                $"The digits of {facts.Input} make none of the named patterns, so the reading rests on their mix.",
                $"{facts.Input} does not form one of the named patterns; its character comes from the mix of its digits instead.",
                $"There is no named pattern in {facts.Input}, and that is worth something too: the reading rests on the mix of its digits."),
        };

        if (MostRepeated(facts.Digits) is { } repeated)
        {
            var keywords = NumberMeanings.For(repeated.Digit - '0').Keywords.Take(3);
            sentences.Add($"The {repeated.Digit} appears {Times(repeated.Count)}, so its qualities ({JoinList(keywords)}) weigh a little more than the rest.");
        }
        else
        {
            sentences.Add("Each digit appears once, so no single one leads.");
        }

        var distinct = facts.Digits.Distinct().ToArray();
        if (distinct.Length > 1)
        {
            var notes = distinct.Select(c => $"the {c} ({NumberMeanings.For(c - '0').Keywords[0]})");
            sentences.Add(Invariant($"Between them, {JoinList(notes)} each add a note on the way to {facts.CoreNumber}."));
        }
        return Paragraph([.. sentences]);
    }

    // ---- Karmic debt numbers ------------------------------------------------------------------

    private static string KarmicSentence(NumerologyFacts facts) =>
        Paragraph([.. facts.KarmicDebtNumbers.Select(debt => facts.ReductionChain[0] != debt
            ? Invariant($"On the way it passes through {debt}, a karmic debt number that traditions link with {KarmicTheme(debt)}.")
            : facts.Digits == debt.ToString(CultureInfo.InvariantCulture)
                ? Invariant($"{debt} is itself a karmic debt number, one that traditions link with {KarmicTheme(debt)}.")
                : Invariant($"Read as a number it is {debt}, a karmic debt number that traditions link with {KarmicTheme(debt)}."))]);

    private static string KarmicTheme(int debt) => debt switch
    {
        13 => "work and diligence",
        14 => "freedom and moderation",
        16 => "ego and rebuilding",
        19 => "independence and learning to ask for help",
        _ => throw new ArgumentOutOfRangeException(nameof(debt), debt, "Karmic debt numbers are 13, 14, 16 and 19."),
    };

    private static string KarmicDeep(int debt) => debt switch
    {
        13 => "Traditions link 13 with work and diligence: the lesson of patient, steady effort, and of finishing what you start rather than looking for shortcuts. It is read as an invitation to build your results honestly, one task at a time.",
        14 => "Traditions link 14 with freedom and moderation: the lesson of enjoying change, variety and pleasure without being carried away by them. It is read as an invitation to find freedom through commitment rather than by escaping it.",
        16 => "Traditions link 16 with ego and rebuilding: the lesson that a structure built on pride may need to fall so that something truer can be built in its place. It is read as an invitation to humility and to starting again on firmer ground.",
        19 => "Traditions link 19 with independence and asking for help: the lesson of standing on your own feet without shutting other people out. It is read as an invitation to lead your own life and still let others in.",
        _ => throw new ArgumentOutOfRangeException(nameof(debt), debt, "Karmic debt numbers are 13, 14, 16 and 19."),
    };

    private static string KarmicGuidance(int debt) => debt switch
    {
        13 => "With 13 in the chain, tradition counsels steady effort over shortcuts: finish one thing properly before you start the next.",
        14 => "With 14 in the chain, tradition counsels moderation: enjoy change and pleasure without letting either set the pace for you.",
        16 => "With 16 in the chain, tradition counsels humility: if something built on pride wobbles, let it show you what to rebuild more honestly.",
        19 => "With 19 in the chain, tradition counsels a balance between independence and support: stand on your own feet, and still ask for help when you need it.",
        _ => throw new ArgumentOutOfRangeException(nameof(debt), debt, "Karmic debt numbers are 13, 14, 16 and 19."),
    };

    // ---- Comparisons --------------------------------------------------------------------------

    private static string CompareLite(ComparisonFacts comparison) =>
        Paragraph(
            $"{PairOpening(comparison)}: {RelationPhrase(comparison)}.",
            Invariant($"Together they make {comparison.CombinedNumber}, {Title(comparison.CombinedNumber)}."));

    private static string CompareStandard(ComparisonFacts comparison) =>
        Paragraph(
            PairOpening(comparison) + ".",
            RelationText(comparison),
            Invariant($"Together they make {comparison.CombinedNumber}, {Title(comparison.CombinedNumber)}."),
            NumberMeanings.For(comparison.CombinedNumber).Essence,
            RelationGuidance(comparison));

    private static List<ReadingSection> CompareDeep(ComparisonFacts comparison)
    {
        var combined = NumberMeanings.For(comparison.CombinedNumber);
        var key = comparison.First.Digits + "|" + comparison.Second.Digits;
        return
        [
            new ReadingSection(ReadingShape.TwoNumbersHeading, Paragraph(NumberSummary(comparison.First), NumberSummary(comparison.Second))),
            new ReadingSection(ReadingShape.RelationHeading, Paragraph(RelationText(comparison), RelationDeepText(comparison))),
            new ReadingSection(ReadingShape.TogetherHeading, Paragraph(
                Invariant($"Traditions add two core numbers to find the number of the pair; here they make {comparison.CombinedNumber}, {Title(comparison.CombinedNumber)}."),
                combined.Essence,
                combined.Themes)),
            new ReadingSection(ReadingShape.GuidanceHeading, Paragraph(RelationGuidance(comparison), combined.Guidance)),
            new ReadingSection(
                ReadingShape.QuestionsHeading,
                Pick(key, "questions",
                    "Three questions to sit with, in your own time.",
                    "Some questions to carry with you over the next few days.",
                    "Take these questions with you, and answer them only for yourself."),
                RelationQuestions(comparison)),
        ];
    }

    private static string PairOpening(ComparisonFacts comparison) =>
        $"{ComesTo(comparison.First)}, and {ComesTo(comparison.Second)}";

    private static string ComesTo(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        if (core == 0)
        {
            return $"{facts.Input} rests at 0, {Title(0)}";
        }
        if (facts.ReductionChain.Count > 1)
        {
            return Invariant($"{facts.Input} reduces to {core}, {Title(core)}");
        }
        return facts.Digits == core.ToString(CultureInfo.InvariantCulture)
            ? $"{facts.Input} is {Title(core)}"
            : Invariant($"{facts.Input} comes to {core}, {Title(core)}");
    }

    /// <summary>One number of a comparison, from its digits to its core, in a few sentences.</summary>
    private static string NumberSummary(NumerologyFacts facts)
    {
        var core = facts.CoreNumber;
        var sentences = new List<string>();
        if (core == 0)
        {
            sentences.Add($"{facts.Input} is made only of zeros, so it keeps 0, {Title(0)}: the one exception to the usual reduction, and the number of potential.");
        }
        else if (facts.Digits.Length == 1)
        {
            sentences.Add(Invariant($"{facts.Input} is a single digit and its own core number: {core}, {Title(core)}."));
        }
        else if (facts.ReductionChain.Count == 1 && facts.IsMasterNumber)
        {
            sentences.Add(Invariant($"{facts.Input} needs no reducing: it is {core}, {Title(core)}."));
        }
        else if (facts.ReductionChain.Count == 1)
        {
            sentences.Add(Invariant($"Leading zeros add nothing, so {facts.Input} is simply {core}, {Title(core)}."));
        }
        else
        {
            sentences.Add(Invariant($"For {facts.Input}, {facts.SumText}, and the chain runs {facts.ReductionText}, giving {core}, {Title(core)}."));
        }

        if (facts.IsMasterNumber)
        {
            sentences.Add(Invariant($"As a master number, {core} is kept whole rather than reduced to its root, {NumerologyEngine.Root(core)}."));
        }
        if (facts.IsKarmicDebt)
        {
            sentences.Add(KarmicSentence(facts));
        }
        if (NumberMeanings.Angel(facts.AngelNumber) is { } angel)
        {
            sentences.Add($"It is also known as the angel number {angel.Digits}, {Called(angel.Name)}.");
        }
        return Paragraph([.. sentences]);
    }

    private static string RelationPhrase(ComparisonFacts comparison)
    {
        var (first, second) = (comparison.First.CoreNumber, comparison.Second.CoreNumber);
        return comparison.Relation switch
        {
            NumberRelation.Same => "the same core number, so they speak with one voice",
            NumberRelation.SharedRoot => "a master number and its root, the same note played in two octaves",
            NumberRelation.SameFamily => $"both belong to {FamilyName(first)}, so they pull in a similar direction",
            NumberRelation.DifferentFamilies => $"they come from different families, {FamilyName(first)} and {FamilyName(second)}, and meet from different directions",
            NumberRelation.Potential => Invariant($"with 0, the number of potential, on one side, {NonZero(comparison)} sets the tone and the shape is left open"),
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison.Relation, null),
        };
    }

    /// <summary>Two sentences on how the core numbers stand to each other.</summary>
    private static string RelationText(ComparisonFacts comparison)
    {
        var (first, second) = (comparison.First.CoreNumber, comparison.Second.CoreNumber);
        switch (comparison.Relation)
        {
            case NumberRelation.Same:
                return Invariant($"Both share the same core number, {first}, and traditions read that as emphasis: the same theme knocking twice. ")
                    + $"Whatever {Called(NumberMeanings.For(first).Name)} stands for in your life, it is asking for attention.";
            case NumberRelation.SharedRoot:
                {
                    var (master, root) = MasterAndRoot(comparison);
                    return Invariant($"{master} is a master number and {root} is its root, so the pair is the same note played in two octaves. ")
                        + Invariant($"The everyday qualities of {root}, {Title(root)}, are joined here by their larger and more demanding form, {master}.");
                }
            case NumberRelation.SameFamily:
                return Invariant($"{Member(first)} and {Member(second)} both belong to {FamilyName(first)}, numbers that are said to understand each other easily. ")
                    + FamilyTrait(first);
            case NumberRelation.DifferentFamilies:
                return Invariant($"{Member(first)} belongs to {FamilyName(first)} and {Member(second)} to {FamilyName(second)}, so they meet from different directions. ")
                    + $"Traditions read that not as a clash but as a chance to learn: {FamilyQualities(first)} on one side, {FamilyQualities(second)} on the other.";
            case NumberRelation.Potential:
                {
                    var other = NonZero(comparison);
                    return "Zero is the number of potential and has no colour of its own. "
                        + Invariant($"Beside it, {other}, {Title(other)}, sets the tone, with room left open to shape it.");
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(comparison), comparison.Relation, null);
        }
    }

    private static string RelationDeepText(ComparisonFacts comparison)
    {
        var first = comparison.First.CoreNumber;
        return comparison.Relation switch
        {
            NumberRelation.Same =>
                "Two sightings that land on one number are traditionally taken as a clearer signal than either would be alone.",
            NumberRelation.SharedRoot =>
                "The root grounds the master number and the master number lifts the root: each makes the other easier to live with.",
            NumberRelation.SameFamily =>
                $"The risk of a shared family is a shared blind spot: {FamilyBlindSpot(first)}.",
            NumberRelation.DifferentFamilies =>
                "Pairs from different families can rub at first, and traditions say that friction is often where the most growth happens.",
            NumberRelation.Potential =>
                "Traditions read a 0 beside another number as an open field: the theme is set, but its shape is still yours to choose.",
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison.Relation, null),
        };
    }

    private static string RelationGuidance(ComparisonFacts comparison) => comparison.Relation switch
    {
        NumberRelation.Same =>
            Invariant($"Let the repetition be a nudge rather than a verdict, and choose one small way to act on what {comparison.First.CoreNumber} stands for this week."),
        NumberRelation.SharedRoot =>
            Invariant($"Start from the root: tend the everyday form of {MasterAndRoot(comparison).Root}, and let the larger vision of {MasterAndRoot(comparison).Master} grow from there."),
        NumberRelation.SameFamily =>
            "Because the two pull in a similar direction, enjoy the ease between them, and watch that together they do not overdo their shared strength.",
        NumberRelation.DifferentFamilies =>
            "Let each number lend the other what it lacks, rather than asking one to become the other.",
        NumberRelation.Potential =>
            Invariant($"Treat the open 0 as room to shape the theme of {NonZero(comparison)} in your own way, not as something missing."),
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison.Relation, null),
    };

    private static IReadOnlyList<string> RelationQuestions(ComparisonFacts comparison)
    {
        var (first, second) = (comparison.First.CoreNumber, comparison.Second.CoreNumber);
        return comparison.Relation switch
        {
            NumberRelation.Same =>
            [
                $"What is {Called(NumberMeanings.For(first).Name)} asking of you that you have not yet answered?",
                "Where have you seen this same theme come up more than once lately?",
                "What would it look like to give this one theme your full attention?",
            ],
            NumberRelation.SharedRoot =>
            [
                Invariant($"Where do the everyday qualities of {MasterAndRoot(comparison).Root} already show up in your life?"),
                "What larger vision might those qualities be growing towards?",
                "What helps you hold a high aim without losing your footing?",
            ],
            NumberRelation.SameFamily =>
            [
                "What do these two numbers want in common, and how does that show up for you?",
                "Where might their shared strength be turning into a shared blind spot?",
                "Who or what outside this family could bring a balancing note?",
            ],
            NumberRelation.DifferentFamilies =>
            [
                Invariant($"What does {first} bring that {second} lacks, and the other way round?"),
                "Where in your life do two different approaches need to work together?",
                "What could you learn from the direction you usually avoid?",
            ],
            NumberRelation.Potential =>
            [
                Invariant($"What shape would you like the theme of {NonZero(comparison)} to take in your life?"),
                "Where is there open space that you could leave unfilled a little longer?",
                "What is beginning for you that has not yet chosen its direction?",
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison.Relation, null),
        };
    }

    private static (int Master, int Root) MasterAndRoot(ComparisonFacts comparison) =>
        comparison.First.IsMasterNumber
            ? (comparison.First.CoreNumber, comparison.Second.CoreNumber)
            : (comparison.Second.CoreNumber, comparison.First.CoreNumber);

    private static int NonZero(ComparisonFacts comparison) =>
        comparison.First.CoreNumber == 0 ? comparison.Second.CoreNumber : comparison.First.CoreNumber;

    /// <summary>A master number joins its family through its root: "11 (through its root, 2)".</summary>
    private static string Member(int core) =>
        NumerologyEngine.MasterNumbers.Contains(core)
            ? Invariant($"{core} (through its root, {NumerologyEngine.Root(core)})")
            : core.ToString(CultureInfo.InvariantCulture);

    private static string FamilyName(int core) => NumerologyEngine.Family(NumerologyEngine.Root(core)) switch
    {
        1 => "the seekers (1, 5 and 7)",
        2 => "the builders (2, 4 and 8)",
        3 => "the carers (3, 6 and 9)",
        _ => throw new ArgumentOutOfRangeException(nameof(core), core, "Only 1 to 9 and the master numbers have a family."),
    };

    private static string FamilyQualities(int core) => NumerologyEngine.Family(NumerologyEngine.Root(core)) switch
    {
        1 => "independence, curiosity and the search for truth",
        2 => "structure, cooperation and results that last",
        3 => "expression, compassion and care for others",
        _ => throw new ArgumentOutOfRangeException(nameof(core), core, "Only 1 to 9 and the master numbers have a family."),
    };

    private static string FamilyTrait(int core) => NumerologyEngine.Family(NumerologyEngine.Root(core)) switch
    {
        1 => "The seekers are moved by independence, curiosity and the search for truth.",
        2 => "The builders value structure, cooperation and results that last.",
        3 => "The carers are drawn to expression, compassion and making life kinder for others.",
        _ => throw new ArgumentOutOfRangeException(nameof(core), core, "Only 1 to 9 and the master numbers have a family."),
    };

    private static string FamilyBlindSpot(int core) => NumerologyEngine.Family(NumerologyEngine.Root(core)) switch
    {
        1 => "so much independence that nobody is asked for help",
        2 => "so much caution that nothing new is ever tried",
        3 => "so much giving that nobody looks after the givers",
        _ => throw new ArgumentOutOfRangeException(nameof(core), core, "Only 1 to 9 and the master numbers have a family."),
    };

    // ---- Wording helpers ----------------------------------------------------------------------

    /// <summary>"the Builder"; a master number is named as one unless its name says so already ("the Master Builder").</summary>
    private static string Title(int coreNumber)
    {
        var called = Called(NumberMeanings.For(coreNumber).Name);
        return NumerologyEngine.MasterNumbers.Contains(coreNumber) && !called.Contains("Master", StringComparison.Ordinal)
            ? $"the master number traditions call {called}"
            : called;
    }

    /// <summary>The table's names open with "The"; inside a sentence that is "the".</summary>
    private static string Called(string name) =>
        name.StartsWith("The ", StringComparison.Ordinal) ? "the " + name[4..] : name;

    /// <summary>"the 1 appears four times", "the 5 appears twice and the 1 twice", or "each appears once".</summary>
    private static string RepeatDescription(string digits)
    {
        var repeats = DigitCounts(digits).Where(d => d.Count > 1).ToArray();
        if (repeats.Length == 0)
        {
            return "each appears once";
        }
        var parts = repeats.Select((d, i) => i == 0 ? $"the {d.Digit} appears {Times(d.Count)}" : $"the {d.Digit} {Times(d.Count)}");
        return JoinList(parts);
    }

    private static (char Digit, int Count)? MostRepeated(string digits)
    {
        var most = DigitCounts(digits).OrderByDescending(d => d.Count).First();
        return most.Count > 1 ? most : null;
    }

    /// <summary>Each digit with how often it appears, in the order the digits first appear.</summary>
    private static IEnumerable<(char Digit, int Count)> DigitCounts(string digits) =>
        digits.GroupBy(c => c).Select(g => (g.Key, g.Count()));

    /// <summary>The shortest group of digits that, said again and again, makes the whole: 1212 is 12 twice.</summary>
    private static string RepeatingUnit(string digits)
    {
        for (var size = 1; size <= digits.Length / 2; size++)
        {
            if (digits.Length % size == 0 && digits == string.Concat(Enumerable.Repeat(digits[..size], digits.Length / size)))
            {
                return digits[..size];
            }
        }
        return digits;
    }

    private static string Times(int count) => count switch
    {
        1 => "once",
        2 => "twice",
        _ => CountWord(count) + " times",
    };

    /// <summary>Counts of digits, as words: a number is at most twelve digits long.</summary>
    private static string CountWord(int count) => count switch
    {
        1 => "one",
        2 => "two",
        3 => "three",
        4 => "four",
        5 => "five",
        6 => "six",
        7 => "seven",
        8 => "eight",
        9 => "nine",
        10 => "ten",
        11 => "eleven",
        12 => "twelve",
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>"a", "a and b", "a, b and c".</summary>
    private static string JoinList(IEnumerable<string> items)
    {
        var list = items.ToArray();
        return list.Length switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list[..^1]) + " and " + list[^1],
        };
    }

    private static string Paragraph(params string?[] sentences) =>
        string.Join(' ', sentences.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>
    /// Chooses a phrasing by FNV-1a of the digits and what the phrase is for: stable across runs and
    /// machines, unlike string.GetHashCode, so a reading never changes its words on a restart.
    /// </summary>
    private static string Pick(string digits, string purpose, params string[] options)
    {
        var hash = 2166136261u;
        foreach (var c in digits + "/" + purpose)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return options[(int)(hash % (uint)options.Length)];
    }
}
