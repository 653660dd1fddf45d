using System.Globalization;
using static System.FormattableString;

namespace Vybe.Web.Readings;

/// <summary>
/// The default writer: composes a reading from the engine's facts and the curated table of
/// meanings, with no network. It describes numbers, it never works them out: every sum, chain and
/// core number comes from the facts. A reading speaks of its own input (its digits and their counts,
/// order, pairs and groups, its pattern class, the hour of a time), so that two inputs with the same
/// core number read differently. Where phrasing varies, the variant is chosen by a stable hash of
/// the digits, so the same facts at the same depth always give the same text.
/// </summary>
public sealed partial class BuiltInReadingWriter : IReadingWriter
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

    /// <summary>What traditions say of a karmic debt number, for the OpenAI writer's prompt as well.</summary>
    internal static string KarmicMeaning(int debt) => KarmicDeep(debt);

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
    private static string JoinList(IEnumerable<string> items, string conjunction = "and")
    {
        var list = items.ToArray();
        return list.Length switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list[..^1]) + $" {conjunction} " + list[^1],
        };
    }

    private static string Paragraph(params string?[] sentences) =>
        string.Join(' ', sentences.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>
    /// Chooses a phrasing (or a question) by FNV-1a of the digits and what the phrase is for: stable across runs and
    /// machines, unlike string.GetHashCode, so a reading never changes its words on a restart.
    /// </summary>
    private static string Pick(string digits, string purpose, params string[] options) =>
        options[(int)(Hash(digits, purpose) % (uint)options.Length)];

    /// <summary>FNV-1a of the digits and what the choice is for.</summary>
    private static uint Hash(string digits, string purpose)
    {
        var hash = 2166136261u;
        foreach (var c in digits + "/" + purpose)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return hash;
    }
}
