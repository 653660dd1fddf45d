namespace Vybe.Web.Readings;

/// <summary>
/// How one digit speaks inside a sentence: the word for what it stands for, what it brings, what it
/// asks you to do, what it asks you, and its trap. The built-in writer and the composed angel
/// numbers build their sentences about a particular input from these, so that two inputs with the
/// same core number but different digits say different things.
/// </summary>
/// <param name="Noun">What the digit stands for, as one noun: "beginnings".</param>
/// <param name="Adjective">For composed names: "Steady".</param>
/// <param name="Gift">What it brings, as a noun phrase: "the nerve to go first".</param>
/// <param name="Action">What it asks you to do, as an imperative without its full stop: "take the first step yourself".</param>
/// <param name="Question">What it asks you, as the start of a question: "what would you start".</param>
/// <param name="Trap">Its shadow, as a noun phrase: "going it alone".</param>
public sealed record DigitVoice(string Noun, string Adjective, string Gift, string Action, string Question, string Trap);

/// <summary>The ten digits' voices and a short action for each core number.</summary>
public static class DigitVoices
{
    private static readonly DigitVoice[] Voices =
    [
        new("potential", "Open", "open possibility", "leave room for what is not yet decided", "what could you leave open a little longer", "drifting without choosing"),
        new("beginnings", "First", "the nerve to go first", "take the first step yourself", "what would you start if nobody had to approve", "going it alone"),
        new("partnership", "Gentle", "a gift for meeting people halfway", "listen a moment longer before you answer", "who are you meeting halfway, and who is meeting you", "keeping quiet to keep the peace"),
        new("expression", "Bright", "a voice that wants to be heard", "say the thing you have been keeping back", "what wants saying that you have not said", "scattering your energy"),
        new("foundations", "Steady", "patient, steady work", "tend one foundation, a habit or a plan", "which foundation needs your attention", "holding too tightly to the plan"),
        new("change", "Restless", "an appetite for the new", "try one unfamiliar thing", "what change is knocking at your door", "running from one new thing to the next"),
        new("care", "Caring", "a wish to look after people and places", "look after someone, yourself included", "who needs your care, and are you on that list", "caring until it turns into control"),
        new("reflection", "Quiet", "a taste for quiet questions", "give one question an hour of quiet", "what question keeps coming back when things are still", "withdrawing into your own head"),
        new("ambition", "Bold", "the drive to make things happen", "name one ambition out loud", "what ambition have you been shy of owning", "letting drive crowd out rest"),
        new("completion", "Wise", "the grace to let things end well", "finish something that is ready to be finished", "what has quietly reached its end", "holding on past the ending"),
    ];

    public static DigitVoice For(int digit) => Voices[digit];

    public static DigitVoice For(char digit) => Voices[digit - '0'];

    /// <summary>What each core number asks, as an imperative that can follow "invites you to".</summary>
    public static string CoreAction(int core) => core switch
    {
        0 => "treat an empty moment as room rather than lack",
        1 => "take the first small step yourself rather than wait for permission",
        2 => "slow down and let things ripen rather than force them",
        3 => "make something or say something without waiting for it to be perfect",
        4 => "choose one foundation and tend it steadily",
        5 => "meet change with curiosity rather than brace against it",
        6 => "give care where it is needed and count yourself among those you care for",
        7 => "make room for stillness and let a question stay open",
        8 => "own your ambitions and pursue them with integrity",
        9 => "finish what is ready to be finished and let it go with thanks",
        11 => "trust the hunches you have been tempted to dismiss",
        22 => "take your biggest idea seriously and break it into steps",
        33 => "lead with kindness and teach by how you live",
        _ => throw new ArgumentOutOfRangeException(nameof(core), core, "Core numbers are 0–9, 11, 22 and 33."),
    };

    /// <summary>Each core number's trap, as a short noun phrase.</summary>
    public static string CoreTrap(int core) => core switch
    {
        0 => "drift",
        1 => "going it alone",
        2 => "silence kept for the sake of peace",
        3 => "scattering",
        4 => "rigidity",
        5 => "restlessness",
        6 => "over-responsibility",
        7 => "withdrawal",
        8 => "control",
        9 => "holding on",
        11 => "nervous tension",
        22 => "the weight of its own potential",
        33 => "martyrdom",
        _ => throw new ArgumentOutOfRangeException(nameof(core), core, "Core numbers are 0–9, 11, 22 and 33."),
    };
}
