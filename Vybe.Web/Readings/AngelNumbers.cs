using System.Globalization;

namespace Vybe.Web.Readings;

/// <summary>
/// What a well-known sequence (an "angel number") is said to signal: its name, its keywords and a
/// message of two sentences, the first about this sequence and no other.
/// </summary>
public sealed record AngelNumberMeaning(string Digits, string Name, IReadOnlyList<string> Keywords, string Message)
{
    /// <summary>The family the sequence belongs to: repeating, mirror, run, alternating or pairs.</summary>
    public PatternClass Family => DigitProfile.Of(Digits).PatternClass;

    /// <summary>The message's first sentence, which belongs to this sequence alone.</summary>
    public string OwnSentence => Message[..(Message.IndexOf(". ", StringComparison.Ordinal) + 1)];
}

/// <summary>
/// The angel-number dictionary: the three-digit repeats (000–999), mirrors (ABA: 121) and runs
/// (123, 321), the four-digit repeats (0000–9999), alternations (ABAB: 1212), mirrors (ABBA: 1221),
/// pairs (AABB: 1122) and runs (1234, 4321). The best-known are written out one by one; the rest of
/// each family is composed from its two digits' voices, so every entry still has a name, keywords
/// and a first sentence of its own.
/// </summary>
public static class AngelNumbers
{
    public static AngelNumberMeaning? Find(string? digits) =>
        digits is not null && Table.TryGetValue(digits, out var meaning) ? meaning : null;

    public static IReadOnlyCollection<AngelNumberMeaning> All => Table.Values;

    private static Dictionary<string, AngelNumberMeaning> Build()
    {
        var table = new Dictionary<string, AngelNumberMeaning>(StringComparer.Ordinal);
        for (var a = 1; a <= 9; a++)
        {
            for (var b = 0; b <= 9; b++)
            {
                if (a == b)
                {
                    continue;
                }
                foreach (var composed in new[] { Mirror3(a, b), Alternating4(a, b), Mirror4(a, b), Pairs4(a, b) })
                {
                    table[composed.Digits] = composed;
                }
            }
        }
        foreach (var written in Written)
        {
            table[written.Digits] = written;
        }
        return table;
    }

    private static string D(int digit) => digit.ToString(CultureInfo.InvariantCulture);

    private static string Capitalised(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];

    private static AngelNumberMeaning Mirror3(int a, int b)
    {
        var (va, vb) = (DigitVoices.For(a), DigitVoices.For(b));
        var digits = D(a) + D(b) + D(a);
        return new(digits, $"The {Capitalised(vb.Noun)} Within {Capitalised(va.Noun)}", [va.Noun, vb.Noun, "reflection"],
            $"{digits} holds the {D(b)} of {vb.Noun} between two {D(a)}s of {va.Noun}, so {vb.Gift} sits at the centre of {va.Gift}. "
                + $"Traditions read a mirror like this as balance found inside yourself, and it invites you to {va.Action} while you {vb.Action}.");
    }

    private static AngelNumberMeaning Mirror4(int a, int b)
    {
        var (va, vb) = (DigitVoices.For(a), DigitVoices.For(b));
        var digits = D(a) + D(b) + D(b) + D(a);
        return new(digits, $"The Doubled {Capitalised(vb.Noun)} Within {Capitalised(va.Noun)}", [va.Noun, vb.Noun, "balance"],
            $"{digits} wraps a doubled {D(b)}, {vb.Noun} said twice, inside a {D(a)} of {va.Noun} at either end: {vb.Gift}, held safe by {va.Gift}. "
                + $"Traditions read a four-digit mirror as a relationship or a choice coming into balance, and it invites you to {vb.Action}, then {va.Action}.");
    }

    private static AngelNumberMeaning Alternating4(int a, int b)
    {
        var (va, vb) = (DigitVoices.For(a), DigitVoices.For(b));
        var digits = D(a) + D(b) + D(a) + D(b);
        return new(digits, $"The Rhythm of {Capitalised(va.Noun)} and {Capitalised(vb.Noun)}", [va.Noun, vb.Noun, "rhythm"],
            $"{digits} lets the {D(a)} of {va.Noun} and the {D(b)} of {vb.Noun} take turns like a steady beat: {va.Gift}, then {vb.Gift}, then both again. "
                + $"Traditions read an alternating number as a rhythm worth keeping, and it invites you to {va.Action}, and then to {vb.Action}.");
    }

    private static AngelNumberMeaning Pairs4(int a, int b)
    {
        var (va, vb) = (DigitVoices.For(a), DigitVoices.For(b));
        var digits = D(a) + D(a) + D(b) + D(b);
        return new(digits, $"The Step from {Capitalised(va.Noun)} to {Capitalised(vb.Noun)}", [va.Noun, vb.Noun, "transition"],
            $"{digits} says the {D(a)} of {va.Noun} twice and then the {D(b)} of {vb.Noun} twice, a clear step from {va.Gift} to {vb.Gift}. "
                + $"Traditions read doubled pairs as one stage finishing before the next begins, and it invites you to {va.Action} before you {vb.Action}.");
    }

    // Names start with "The" so a writer can say "the angel number 444, the Steady Ground"; each
    // message opens with (or soon names) the digits so that it stands on its own.
    private static readonly AngelNumberMeaning[] Written =
    [
        new("000", "The Clean Slate", ["wholeness", "fresh start", "source"],
            "000 is read as a return to the source, a reminder of wholeness and of a cycle that can begin again from nothing. "
                + "It invites you to treat this moment as a fresh start and to choose what you want to grow from it."),
        new("111", "The Spark of Intention", ["intention", "new beginnings", "focus"],
            "111 is often read as a sign that a new beginning is opening and that your thoughts are gathering force. "
                + "It invites you to notice what you keep thinking about and to point your attention at what you actually want."),
        new("222", "The Quiet Balance", ["balance", "partnership", "trust"],
            "222 is said to carry a message of balance and partnership, a reminder that things may be coming together even before you can see how. "
                + "It invites patience, cooperation and trust in the process."),
        new("333", "The Encouragement", ["encouragement", "creativity", "support"],
            "Traditions associate 333 with encouragement and creative support, a sign that you are being cheered on. "
                + "It invites you to express yourself and to let your thoughts, words and actions pull in the same direction."),
        new("444", "The Steady Ground", ["protection", "support", "patience"],
            "444 is widely read as a sign of protection and support, a reminder that the foundations you are laying are sound. "
                + "It invites you to keep going with patience, trusting that careful, honest work holds."),
        new("555", "The Winds of Change", ["change", "freedom", "movement"],
            "555 is traditionally read as a signal that change is near, often larger than expected and often welcome in hindsight. "
                + "It invites you to loosen your grip on the familiar and meet what is shifting with curiosity."),
        new("666", "The Rebalancing", ["rebalancing", "care", "grounding"],
            "Despite its reputation, numerology traditions read 666 not as a threat but as a gentle call to rebalance, especially between everyday worries and inner life. "
                + "It invites you to notice where fear or over-thinking has taken the lead, and to bring your attention back to what nourishes you."),
        new("777", "The Inner Compass", ["reflection", "learning", "the right path"],
            "777 is associated with reflection, learning and a sense of being on the right path. "
                + "It invites you to trust your inner knowing and to make time for the quiet study that deepens it."),
        new("888", "The Abundant Flow", ["abundance", "momentum", "reward"],
            "Traditions link 888 with abundance, momentum and the balance between effort and reward. "
                + "It invites you to receive what your work has earned with gratitude, and to let some of it flow on to others."),
        new("999", "The Closing Chapter", ["completion", "release", "gratitude"],
            "999 is read as the close of a chapter, a sign that something has run its course. "
                + "It invites you to let go with gratitude and to make space for what comes next."),
        new("0000", "The Open Field", ["emptiness", "renewal", "infinite possibility"],
            "0000 doubles the clean slate of 000 into a wide, open field, where nothing is fixed and anything may still be planted. "
                + "It invites you to rest in that openness for a moment before you decide what to sow."),
        new("1111", "The Moment of Alignment", ["alignment", "intention", "wishes"],
            "1111 is perhaps the best known of the angel numbers, read by many as a moment of alignment, when intention and circumstance line up. "
                + "Many people make a wish when they see it, and the tradition invites you to use it to set a clear intention."),
        new("2222", "The Deepening Trust", ["trust", "patience", "partnership"],
            "2222 doubles the message of 222, and is often read as reassurance that relationships and plans are settling into place. "
                + "It invites you to stay patient, keep faith in what is growing, and look after the partnerships that support you."),
        new("3333", "The Chorus", ["joy", "creative courage", "company"],
            "3333 turns the encouragement of 333 into a whole chorus, as if every voice around you were saying go on. "
                + "It invites you to share the thing you made, or are making, with at least one other person."),
        new("4444", "The Walls That Hold", ["security", "endurance", "groundwork"],
            "4444 is read as four walls standing firm, a sign that the work you have put into your foundations is holding you up. "
                + "It invites you to lean on what you have built and to keep up the small, dull tasks that keep it sound."),
        new("5555", "The Great Shift", ["transformation", "release", "adventure"],
            "5555 is said to mark a larger turn than 555, a season of change rather than a single event. "
                + "It invites you to travel light through it, keeping only the habits and ties that still fit who you are becoming."),
        new("6666", "The Hearth", ["home", "nurture", "belonging"],
            "6666 is read as the warmth of a hearth, a reminder to come back to home, family and the people who feel like home. "
                + "It invites you to let yourself be looked after as generously as you look after others."),
        new("7777", "The Deep Well", ["wisdom", "solitude", "spiritual study"],
            "7777 is read as a deep well of inner knowing, a sign that what you have been studying or wondering about is starting to make sense. "
                + "It invites you to keep drawing from that well in quiet, without hurrying to explain it to anyone."),
        new("8888", "The Full Harvest", ["prosperity", "reward", "generosity"],
            "8888 is associated with a full harvest, effort coming back to you several times over. "
                + "It invites you to enjoy it without guilt and to decide, on purpose, what part of it to pass on."),
        new("9999", "The Last Page", ["endings", "wisdom", "letting go"],
            "9999 is read as the last page of a long book, an ending that has been coming for some time. "
                + "It invites you to close it gently, thank what it taught you, and leave the next page blank for now."),
        new("012", "The First Count", ["starting out", "potential", "first steps"],
            "012 counts up from nothing: open potential, then a first step, then a first companion. "
                + "It invites you to begin small and to let someone join you early."),
        new("123", "The Simple Steps", ["progress", "simplicity", "momentum"],
            "123 is read as a reminder that things are simpler than they look: one, two, three, and you are on your way. "
                + "It invites you to take the next obvious step instead of planning the whole staircase."),
        new("234", "The Growing Team", ["cooperation", "growth", "building"],
            "234 climbs from partnership through expression to foundations, the way a good team forms, finds its voice and then builds. "
                + "It invites you to say what you need from the people you work with, and then to start building together."),
        new("345", "The Opening Door", ["expression", "structure", "change"],
            "345 moves from expression through steady work to change, like an idea that is shared, planned and then set loose. "
                + "It invites you to give your idea a simple structure so that the change it brings has something to stand on."),
        new("456", "The Settling Home", ["stability", "adaptation", "care"],
            "456 climbs from foundations through change to care, and is often read as a move or a shift that ends somewhere that feels like home. "
                + "It invites you to trust that the upheaval has a warm place at the end of it."),
        new("567", "The Curious Path", ["change", "care", "inner wisdom"],
            "567 travels from change through care to reflection, a path on which experience slowly turns into understanding. "
                + "It invites you to look back on a recent change and ask what it has taught you."),
        new("678", "The Earned Reward", ["care", "reflection", "achievement"],
            "678 rises from care through reflection to ambition, and is read as the moment when quiet, kind work starts to be recognised. "
                + "It invites you to accept credit for what you have done without brushing it aside."),
        new("789", "The Near Summit", ["wisdom", "achievement", "completion"],
            "789 climbs to the top of the single digits, from reflection through ambition to completion, and is read as the last stretch before a goal. "
                + "It invites you to keep your pace steady now that the end is in sight."),
        new("210", "The Return to Quiet", ["letting go", "rest", "potential"],
            "210 counts down from partnership to a single step and then to open space, as if putting things down one by one. "
                + "It invites you to rest in the quiet that is left and see what wants to grow there."),
        new("321", "The Countdown", ["release", "readiness", "launch"],
            "321 is read as a countdown, three, two, one, the moment before a launch. "
                + "It invites you to get ready, let go of the last doubts, and go when the moment comes."),
        new("432", "The Loosening Grip", ["release", "simplicity", "trust"],
            "432 steps down from foundations through expression to partnership, a structure softening so that people matter more than plans. "
                + "It invites you to loosen one rule you have been keeping and see who it lets in."),
        new("543", "The Unwinding", ["unwinding", "steadiness", "expression"],
            "543 steps down from change through foundations to expression, like a busy season winding down into something you can talk about. "
                + "It invites you to tell someone the story of what has just happened to you."),
        new("654", "The Homecoming", ["home", "settling", "steadiness"],
            "654 steps down from care through change to foundations, and is read as coming home after a time away and finding your feet again. "
                + "It invites you to rebuild one steady routine that you let slip."),
        new("765", "The Quiet Turning", ["reflection", "care", "change"],
            "765 steps down from reflection through care to change, a realisation that turns, gently, into action. "
                + "It invites you to act on something you understood recently while it is still fresh."),
        new("876", "The Softening Ambition", ["ambition", "wisdom", "care"],
            "876 steps down from ambition through reflection to care, and is read as success learning to be kind. "
                + "It invites you to ask who your work is really for."),
        new("987", "The Gentle Descent", ["completion", "ambition", "inner wisdom"],
            "987 steps down from the top of the single digits, from completion through ambition to reflection, a finished climb looked back on. "
                + "It invites you to sit with what you achieved before you set the next goal."),
        new("0123", "The Ground Floor", ["potential", "starting out", "growth"],
            "0123 starts from nothing and climbs three clear steps, which traditions read as a foundation laid on open ground. "
                + "It invites you to start where you are, with what you have, today."),
        new("1234", "The Steady Sequence", ["progress", "order", "simplicity"],
            "1234 is read as a sign of progress in good order, each step following naturally from the one before. "
                + "It invites you to simplify, take the step that is in front of you, and trust the sequence."),
        new("2345", "The Widening Circle", ["cooperation", "expression", "change"],
            "2345 climbs from partnership to change, and is often read as a circle of people or ideas that keeps growing outward. "
                + "It invites you to welcome one new person or idea into what you are doing."),
        new("3456", "The Upward Build", ["creativity", "structure", "care"],
            "3456 climbs from expression through foundations and change to care, a creative plan that grows into something that looks after people. "
                + "It invites you to ask how what you are making could help someone."),
        new("4567", "The Learning Curve", ["structure", "change", "understanding"],
            "4567 climbs from steady work through change and care to reflection, and is read as a lesson that is finally sinking in. "
                + "It invites you to write down what you have learnt so far."),
        new("5678", "The Rising Momentum", ["momentum", "care", "ambition"],
            "5678 climbs from change to ambition, and is read as energy gathering behind a goal, like a dancer counting in. "
                + "It invites you to ride the momentum while it lasts, and to rest once it has carried you."),
        new("6789", "The Top of the Stair", ["care", "achievement", "completion"],
            "6789 climbs the last steps of the single digits, from care to completion, and is read as a long effort nearing its end. "
                + "It invites you to finish well rather than quickly."),
        new("3210", "The Lift-Off", ["release", "launch", "new potential"],
            "3210 counts down all the way to zero, the moment of lift-off, when what was prepared finally leaves the ground. "
                + "It invites you to stop rehearsing and begin."),
        new("4321", "The Unburdening", ["release", "simplicity", "ease"],
            "4321 steps down from foundations to a single first step, a weight being set down piece by piece. "
                + "It invites you to put down one obligation you no longer need to carry."),
        new("5432", "The Gentle Landing", ["settling", "structure", "partnership"],
            "5432 steps down from change through steady ground to partnership, and is read as a restless time landing safely among people. "
                + "It invites you to let someone help you settle."),
        new("6543", "The Lighter Load", ["care", "change", "expression"],
            "6543 steps down from care through change and foundations to expression, duties easing so that your own voice has room again. "
                + "It invites you to spend an hour on something that is only for you."),
        new("7654", "The Grounded Insight", ["wisdom", "care", "foundations"],
            "7654 steps down from reflection to foundations, and is read as insight being turned into something practical and lasting. "
                + "It invites you to build one thing on what you have understood."),
        new("8765", "The Released Ambition", ["ambition", "reflection", "freedom"],
            "8765 steps down from ambition through reflection and care to change, a goal loosened so that life can move again. "
                + "It invites you to ask whether a target you set still suits you."),
        new("9876", "The Long Wind-Down", ["completion", "wisdom", "care"],
            "9876 steps down from completion through ambition and reflection to care, an ending handled with thought and kindness. "
                + "It invites you to close something in a way you would be glad to be remembered for."),
        new("1010", "The Call to Grow", ["growth", "confidence", "openness"],
            "1010 joins the fresh start of 1 to the open potential of 0, and is often read as a call to personal growth. "
                + "It invites you to step forward with confidence and to stay open to where that step leads."),
        new("1212", "The Wider Path", ["trust", "optimism", "stepping out"],
            "1212 pairs the initiative of 1 with the partnership of 2, and is often read as encouragement to step beyond your comfort zone. "
                + "It invites you to trust your next step and to keep an open, hopeful outlook as you take it."),
        new("1221", "The Mirror of Two", ["reflection", "relationship", "balance"],
            "1221 places two 2s of partnership between two 1s of self, and is often read as a relationship that reflects you back to yourself. "
                + "It invites you to ask what the people closest to you are showing you about who you are."),
        new("2323", "The Creative Partnership", ["collaboration", "expression", "support"],
            "2323 alternates partnership and expression, and is read as a sign that working with someone will bring your ideas to life. "
                + "It invites you to share an unfinished idea with a person you trust."),
        new("1001", "The Two Doors", ["choice", "new start", "potential"],
            "1001 sets two 1s of beginnings on either side of a double 0 of open space, like two doors with a wide room between them. "
                + "It invites you to notice which door you keep walking towards, and why."),
        new("2112", "The Shared Start", ["partnership", "initiative", "reciprocity"],
            "2112 holds a double 1 of beginnings inside a 2 of partnership at each end, a new start that two people make together. "
                + "It invites you to begin something with someone rather than for them."),
        new("2121", "The Give and Take", ["reciprocity", "balance", "initiative"],
            "2121 lets partnership and initiative take turns, and is read as a relationship finding its give and take. "
                + "It invites you to notice whether you lead or follow more often, and to try the other for a day."),
        new("1122", "The Step Towards Others", ["initiative", "partnership", "growth"],
            "1122 says beginnings twice and then partnership twice, a move from doing things alone to doing them with others. "
                + "It invites you to invite someone into a plan you have been keeping to yourself."),
        new("1313", "The Creative Spark", ["creativity", "initiative", "growth"],
            "1313 alternates beginnings with expression, and is read as a sign that a creative project is ready to start. "
                + "It invites you to make the first rough version today, however small."),
        new("1414", "The Well-Laid Plan", ["initiative", "discipline", "focus"],
            "1414 alternates the spark of 1 with the steadiness of 4, and is read as a plan that needs both courage and routine. "
                + "It invites you to pair every bold idea with one practical next step."),
        new("1515", "The Turning Point", ["change", "independence", "choice"],
            "1515 alternates beginnings with change, and is read as a turning point you are choosing rather than one that happens to you. "
                + "It invites you to name the change you want and take one step towards it."),
        new("2020", "The Clear Sight", ["clarity", "partnership", "potential"],
            "2020 alternates partnership with open potential, and is often read, like perfect eyesight, as seeing a relationship or situation clearly. "
                + "It invites you to look at what is in front of you without wishing it were different."),
        new("101", "The Fresh Circle", ["new beginnings", "openness", "self-trust"],
            "101 sets open potential between two 1s of beginnings, and is read as a fresh start with nothing standing in the way. "
                + "It invites you to trust yourself enough to begin before you feel ready."),
        new("121", "The Supported Step", ["support", "initiative", "companionship"],
            "121 holds a 2 of partnership between two 1s of beginnings, a first step taken with someone beside you. "
                + "It invites you to accept the help that is already offered."),
        new("212", "The Kept Promise", ["loyalty", "partnership", "courage"],
            "212 places a single 1 of courage between two 2s of partnership, a brave step that keeps faith with the people around you. "
                + "It invites you to be honest with someone you love about what you want next."),
        new("717", "The Confirmed Path", ["wisdom", "confirmation", "self-trust"],
            "717 sets a 1 of beginnings between two 7s of reflection, and is read as confirmation that a choice you thought through is sound. "
                + "It invites you to stop second-guessing and carry on."),
        new("1331", "The Voiced Circle", ["expression", "initiative", "community"],
            "1331 wraps a doubled 3 of expression inside two 1s of beginnings, and is read as a new start that needs to be talked about. "
                + "It invites you to tell the people around you what you are starting."),
    ];

    // Last, because static fields are set in the order they are written and this one needs Written.
    private static readonly Dictionary<string, AngelNumberMeaning> Table = Build();
}
