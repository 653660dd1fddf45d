namespace Vybe.Web.Readings;

/// <summary>What a core number means in the tradition: its name, keywords and themes.</summary>
public sealed record NumberMeaning(
    int Number,
    string Name,
    IReadOnlyList<string> Keywords,
    string Essence,
    string Themes,
    string Guidance,
    string Shadow,
    IReadOnlyList<string> Questions);

/// <summary>The curated table of meanings for 0–9, 11, 22 and 33; the angel numbers are in <see cref="AngelNumbers"/>.</summary>
public static class NumberMeanings
{
    public static NumberMeaning For(int coreNumber) =>
        CoreMeanings.TryGetValue(coreNumber, out var meaning)
            ? meaning
            : throw new ArgumentOutOfRangeException(nameof(coreNumber), coreNumber, "Core numbers are 0–9, 11, 22 and 33.");

    public static AngelNumberMeaning? Angel(string? digits) => AngelNumbers.Find(digits);

    /// <summary>
    /// The angel number the digits are known as: the digits themselves when the table has them,
    /// else without leading zeros (04:44 is 444), else a longer run of one digit read as its
    /// three-digit form (4444 speaks as 444).
    /// </summary>
    public static string? FindAngelNumber(string digits)
    {
        if (AngelNumbers.Find(digits) is not null)
        {
            return digits;
        }
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length >= 3 && AngelNumbers.Find(trimmed) is not null)
        {
            return trimmed;
        }
        if (digits.Length >= 3 && digits.All(c => c == digits[0]))
        {
            return new string(digits[0], 3);
        }
        return null;
    }

    // Written to be read aloud to a visitor: names start with "The" so writers can say "4, the Builder";
    // keywords are lower case so they sit inside a sentence; essences and guidance open with the
    // number as a word so they can stand alone after a sentence that gives the digit.
    private static readonly Dictionary<int, NumberMeaning> CoreMeanings = new NumberMeaning[]
    {
        new(
            0,
            "The Open Circle",
            ["potential", "wholeness", "openness", "beginnings"],
            "Zero is the number of pure potential: the open circle that holds everything not yet begun.",
            "Traditions treat 0 less as an amount than as a space, a circle with nothing inside it and nothing missing. "
                + "It stands for wholeness, for the pause before a choice, and for the open ground from which every other number grows. "
                + "When every digit is 0 there is nothing to add up, so the reading rests on that openness itself.",
            "Zero invites you to treat an empty moment as room rather than lack. "
                + "Before you fill the space, notice what you would choose if nothing were already decided.",
            "The trap of 0 is drift: keeping every door open for so long that none of them is ever walked through.",
            [
                "What would you begin if you let yourself start from nothing?",
                "Where in your life is an empty space asking to be left open a little longer?",
                "What are you holding as potential that is ready to take a shape?",
            ]),
        new(
            1,
            "The Initiator",
            ["beginnings", "independence", "courage", "leadership", "will"],
            "One is the first step: the spark of will that turns an idea into a start.",
            "In numerology 1 is the number of new beginnings, self-reliance and the courage to go first. "
                + "It is associated with leadership, originality and a clear sense of direction. "
                + "Where 1 appears, traditions say a fresh cycle is opening and your own initiative counts.",
            "One invites you to take the first small step yourself rather than wait for permission or perfect conditions. "
                + "Say plainly what you want, and let your actions follow your words.",
            "The trap of 1 is going it alone: mistaking independence for refusing help, and will for stubbornness.",
            [
                "What have you been waiting for permission to begin?",
                "Where would one decisive step change more than further planning?",
                "Who could you let help you without losing your own direction?",
            ]),
        new(
            2,
            "The Peacemaker",
            ["partnership", "balance", "diplomacy", "sensitivity", "patience"],
            "Two is the number of partnership: the quiet art of meeting someone halfway.",
            "Numerology links 2 with cooperation, intuition and the patient work of bringing people and ideas together. "
                + "It is the mediator's number, attentive to what others feel and to what a situation needs. "
                + "Where 2 appears, traditions point to relationships, timing and the value of listening.",
            "Two invites you to slow down and let things ripen rather than force an outcome. "
                + "Notice where a little more listening, or a gentle word, would restore the balance.",
            "The trap of 2 is keeping the peace at your own expense, until agreeableness turns into silence.",
            [
                "Which relationship in your life is asking for more patience, and which for more honesty?",
                "Where are you giving way when you would rather speak up?",
                "What is ripening in its own time that you could stop pushing?",
            ]),
        new(
            3,
            "The Communicator",
            ["expression", "creativity", "joy", "communication", "sociability"],
            "Three is the number of expression: ideas, feelings and play finding their voice.",
            "In the numerology tradition 3 stands for creativity, communication and a lightness of spirit that draws people in. "
                + "It is linked with writing, speaking, making and every way a person turns an inner world into something others can share. "
                + "Where 3 appears, traditions say it is a time to share what you have been keeping to yourself.",
            "Three invites you to make something, say something or reach out to someone, without waiting for it to be perfect. "
                + "Let enjoyment count as a good enough reason.",
            "The trap of 3 is scattering: starting many bright things, finishing few, and talking around what is hard to say.",
            [
                "What idea or feeling have you been holding back from saying out loud?",
                "Where could play, rather than pressure, lead your next piece of work?",
                "Which of your many beginnings deserves to be finished?",
            ]),
        new(
            4,
            "The Builder",
            ["stability", "structure", "discipline", "order", "reliability"],
            "Four is the number of foundations: steady work that makes things last.",
            "Numerology associates 4 with order, practicality and the patience to build something brick by brick. "
                + "It is the number of the four corners and the four seasons, of routines, plans and promises kept. "
                + "Where 4 appears, traditions speak of laying groundwork, and of being supported while you do it.",
            "Four invites you to choose one foundation and tend it steadily: a habit, a plan or a commitment. "
                + "Small, repeated effort is the whole point of this number.",
            "The trap of 4 is rigidity: holding so tightly to the plan that there is no room left to adjust it.",
            [
                "What foundation in your life most needs steady attention right now?",
                "Which of your routines serves you, and which only keeps you busy?",
                "Where could a little flexibility make your structure stronger?",
            ]),
        new(
            5,
            "The Explorer",
            ["freedom", "change", "adventure", "curiosity", "adaptability"],
            "Five is the number of change: curiosity that will not stay in one place.",
            "In numerology 5 is linked with freedom, movement and an appetite for experience. "
                + "It sits at the centre of the cycle from 1 to 9, and traditions read it as the turning point where the familiar gives way to something new. "
                + "Where 5 appears, change is said to be near, and adaptability becomes a strength.",
            "Five invites you to meet change with curiosity rather than brace against it. "
                + "Try one unfamiliar thing, and keep the freedom you gain anchored to what matters to you.",
            "The trap of 5 is restlessness: chasing the next new thing so as never to stay with anything long enough to feel it.",
            [
                "What change are you resisting that might be an invitation?",
                "Where do you want more freedom, and what would you do with it?",
                "What keeps you steady while everything else is moving?",
            ]),
        new(
            6,
            "The Nurturer",
            ["care", "responsibility", "home", "harmony", "service"],
            "Six is the number of care: love expressed as responsibility for people and places.",
            "Numerology connects 6 with home, family, community and the wish to make things right for others. "
                + "It is the number of the carer, the teacher and the friend who shows up, and it prizes harmony and beauty in everyday life. "
                + "Where 6 appears, traditions point to relationships and responsibilities that need tending.",
            "Six invites you to give care where it is needed and to count yourself among the people you look after. "
                + "Balance what you give with what you allow yourself to receive.",
            "The trap of 6 is over-responsibility: fixing, rescuing and worrying for others until care turns into control.",
            [
                "Who or what is asking for your care at the moment?",
                "Where are you carrying a responsibility that is not yours to carry?",
                "How would you look after yourself if you were as generous to yourself as you are to others?",
            ]),
        new(
            7,
            "The Seeker",
            ["reflection", "wisdom", "introspection", "faith", "analysis"],
            "Seven is the number of the inner search: questions asked in quiet.",
            "In numerology 7 stands for study, contemplation and the search for what lies beneath the surface. "
                + "It is linked with intuition and analysis alike, the scholar and the mystic in one number. "
                + "Where 7 appears, traditions suggest a time for solitude, learning and trusting your own inner knowing.",
            "Seven invites you to make room for stillness: a walk, a notebook, an hour without news or noise. "
                + "Let a question stay open long enough to teach you something.",
            "The trap of 7 is withdrawal: retreating into thought until reflection becomes isolation or cynicism.",
            [
                "What question keeps returning to you when things are quiet?",
                "Where would solitude help you, and where has it started to cut you off?",
                "What do you already know, deep down, that you have not yet trusted?",
            ]),
        new(
            8,
            "The Achiever",
            ["ambition", "authority", "abundance", "effort", "balance"],
            "Eight is the number of personal power: effort turned into achievement.",
            "Numerology links 8 with ambition, leadership and the ability to make things happen in the practical world. "
                + "Its shape, two loops in balance, is read as the exchange between what you put in and what comes back to you. "
                + "Where 8 appears, traditions speak of authority, recognition and using influence wisely.",
            "Eight invites you to own your ambitions and to pursue them with integrity. "
                + "Measure success by what it lets you build and share, not only by what it lets you keep.",
            "The trap of 8 is letting drive become control, so that achievement crowds out rest, relationships and meaning.",
            [
                "What would success look like if it included rest and the people you love?",
                "Where are you underestimating the authority you already have?",
                "How do you want your effort to be felt by the people around you?",
            ]),
        new(
            9,
            "The Humanitarian",
            ["completion", "compassion", "wisdom", "generosity", "release"],
            "Nine is the number of completion: a cycle closing with compassion.",
            "As the last of the single digits, 9 is linked in numerology with endings, wisdom gathered over time and care for the wider world. "
                + "It is the humanitarian's number, generous and broad-minded, aware that every ending makes room for something else. "
                + "Where 9 appears, traditions say something is coming to its natural close.",
            "Nine invites you to finish what is ready to be finished, and to let go of what you have outgrown with gratitude. "
                + "Offer what you have learnt to someone who is at the start of the same road.",
            "The trap of 9 is holding on past the ending, or giving so much to the world that nothing is left for your own life.",
            [
                "What in your life has quietly reached its end?",
                "What are you ready to release with thanks rather than regret?",
                "Where could your experience be of use to someone else?",
            ]),
        new(
            11,
            "The Illuminator",
            ["intuition", "inspiration", "insight", "sensitivity", "vision"],
            "Eleven is a master number of intuition: the moment when insight arrives like a light switched on.",
            "Traditions keep 11 whole rather than reducing it to 2, because its doubled 1 is said to carry a heightened charge of inspiration and insight. "
                + "It is associated with visionaries and with people who sense more than they can easily explain. "
                + "It also carries the sensitivity of its root, 2, so the light comes with a need for calm and care.",
            "Eleven invites you to trust the hunches and sudden clarity you have been tempted to dismiss. "
                + "Ground them by writing them down and acting on one of them in a practical way.",
            "The trap of 11 is nervous tension: so much sensitivity and expectation that inspiration turns into worry or self-doubt.",
            [
                "What insight has come to you lately that you have not yet acted on?",
                "How do you tell the difference between intuition and worry?",
                "What helps you stay calm enough to hear yourself think?",
            ]),
        new(
            22,
            "The Master Builder",
            ["vision", "mastery", "practicality", "legacy", "service"],
            "Twenty-two is the master number of the builder: large visions made real through patient, practical work.",
            "Traditions keep 22 whole rather than reducing it to 4, reading it as the steadiness of 4 joined to the vision of 11. "
                + "It is associated with ambitious, lasting work that serves more than one person: communities, institutions, things built to outlive their makers. "
                + "Where 22 appears, the tradition speaks of potential on a large scale, and of the discipline it asks for.",
            "Twenty-two invites you to take your biggest idea seriously and to break it into steps you can take this week. "
                + "Let the vision set the direction and the practical work set the pace.",
            "The trap of 22 is the weight of its own potential: perfectionism or pressure so heavy that the building never starts.",
            [
                "What would you build if you trusted that it could last?",
                "What is the first practical step towards your largest idea?",
                "Whose help would make the work lighter and better?",
            ]),
        new(
            33,
            "The Master Teacher",
            ["compassion", "teaching", "kindness", "service", "selfless love"],
            "Thirty-three is the master number of compassion: care that teaches by example.",
            "Traditions keep 33 whole rather than reducing it to 6, and call it the master teacher, joining the care of 6 to the insight of 11 and the building of 22. "
                + "It is associated with guidance, encouragement and love offered without conditions. "
                + "It is said to be rare as a core number, and it asks for maturity as much as kindness.",
            "Thirty-three invites you to lead with kindness and to teach through how you live rather than what you say. "
                + "Give your care some limits, so that it can last.",
            "The trap of 33 is martyrdom: giving so completely that you neglect yourself, or feel that everyone else is yours to save.",
            [
                "Where is your example already teaching someone?",
                "What would compassion look like if it included you?",
                "Which boundaries would let your care last longer?",
            ]),
    }.ToDictionary(m => m.Number);
}
