using System.Globalization;
using System.Text.RegularExpressions;

namespace Vybe.Web.Readings;

/// <summary>A member's numbers on one day: the life path from the birth date, and the personal year, month and day.</summary>
public sealed record PersonalNumberSet(int LifePath, int PersonalYear, int PersonalMonth, int PersonalDay);

/// <summary>How a sighting's core number sits with the personal day it was seen on, in four words a person can take in at a glance.</summary>
public enum PersonalDayHarmony
{
    /// <summary>The sighting's core number is the personal day number.</summary>
    Same,

    /// <summary>A master number and its root, or two numbers of one family.</summary>
    Harmonious,

    /// <summary>Numbers of different families: the sighting asks for what the day does not bring by itself.</summary>
    Challenging,

    /// <summary>The sighting's core number is 0, the number of potential, which takes on the day's colour.</summary>
    Neutral,
}

/// <summary>A sighting's core number beside the personal day number of the day it was seen.</summary>
/// <param name="Relation">The relation of the comparison readings (<see cref="NumerologyEngine.Compare"/>), so both speak alike.</param>
public sealed record PersonalDayRelation(int CoreNumber, int PersonalDay, NumberRelation Relation, PersonalDayHarmony Harmony)
{
    public string Label => Harmony switch
    {
        PersonalDayHarmony.Same => "The same number",
        PersonalDayHarmony.Harmonious => "Harmonious",
        PersonalDayHarmony.Challenging => "Challenging",
        PersonalDayHarmony.Neutral => "Neutral",
        _ => throw new InvalidOperationException($"Unknown harmony {Harmony}."),
    };

    /// <summary>One sentence on why, for the reading.</summary>
    public string Explanation => Relation switch
    {
        NumberRelation.Same => Invariant($"The number you saw reduces to {PersonalDay}, your personal day number: the day's theme, said twice."),
        NumberRelation.SharedRoot => Invariant($"{Math.Max(CoreNumber, PersonalDay)} is a master number and {Math.Min(CoreNumber, PersonalDay)} its root: the same note in two octaves."),
        NumberRelation.SameFamily => Invariant($"{WithRoot(CoreNumber)} and {WithRoot(PersonalDay)} are both {PersonalNumbers.FamilyName(CoreNumber)}, so the sighting pulls the way the day already goes."),
        NumberRelation.DifferentFamilies => Invariant($"{WithRoot(CoreNumber)} is one of {PersonalNumbers.FamilyName(CoreNumber)} and {WithRoot(PersonalDay)} one of {PersonalNumbers.FamilyName(PersonalDay)}: the sighting asks for something the day does not bring by itself."),
        NumberRelation.Potential => Invariant($"0 is the number of potential: it takes on the colour of your personal day, {PersonalDay}."),
        _ => throw new InvalidOperationException($"Unknown relation {Relation}."),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // A master number belongs to its root's family: "11 (root 2)".
    private static string WithRoot(int number) => NumerologyEngine.MasterNumbers.Contains(number)
        ? Invariant($"{number} (root {NumerologyEngine.Root(number)})")
        : number.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Personal numbers from a birth date, by the Pythagorean reduction of <see cref="NumerologyEngine"/>
/// (digit sums until one digit remains, 11, 22 and 33 kept). Pure: no clock, no zone; the caller says which day it is.
/// </summary>
/// <remarks>
/// The method, one of several in use, chosen so that master numbers survive the intermediate sums:
/// the month, the day and the year are each reduced on their own (master numbers kept), then added,
/// and the sum is reduced the same way. 29 November 1990: 11, 29 → 11, 1990 → 19 → 10 → 1;
/// 11 + 11 + 1 = 23 → 5. The personal year takes the calendar year in place of the birth year;
/// the personal month adds the reduced calendar month to the personal year; the personal day adds
/// the reduced calendar day to the personal month; each sum is reduced the same way.
/// </remarks>
public static partial class PersonalNumbers
{
    /// <summary>The method in words, for the page that shows the numbers (the same as the remarks above).</summary>
    public const string Method =
        "Vybe uses the Pythagorean reduction: add the digits until one digit is left, but keep 11, 22 and 33 as they are. " +
        "Your life path reduces the month, the day and the year of your birth date each on its own, adds the three and reduces the sum " +
        "(29 November 1990: 11, 29 → 11 and 1990 → 19 → 10 → 1; 11 + 11 + 1 = 23 → 5). " +
        "Your personal year does the same with this calendar year in place of your birth year; your personal month adds the calendar month " +
        "to your personal year, and your personal day adds the day of the month to your personal month, each sum reduced again.";

    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    public const string BirthDateEmptyMessage = "Enter your birth date, such as 1990-11-29.";
    public const string BirthDateFormatMessage = "Enter your birth date as year-month-day, such as 1990-11-29.";
    public const string BirthDateTooEarlyMessage = "Enter a birth date from 1 January 1900 on.";
    public const string BirthDateInFutureMessage = "A birth date cannot be in the future.";

    public static int LifePath(DateOnly birthDate) =>
        Reduce(Reduce(birthDate.Month) + Reduce(birthDate.Day) + Reduce(birthDate.Year));

    public static int PersonalYear(DateOnly birthDate, int calendarYear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calendarYear);
        // Only the birth month and day count, so someone born on 29 February has a personal year in every year.
        return Reduce(Reduce(birthDate.Month) + Reduce(birthDate.Day) + Reduce(calendarYear));
    }

    public static int PersonalMonth(DateOnly birthDate, int calendarYear, int calendarMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calendarMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(calendarMonth, 12);
        return Reduce(PersonalYear(birthDate, calendarYear) + Reduce(calendarMonth));
    }

    public static int PersonalDay(DateOnly birthDate, DateOnly day) =>
        Reduce(PersonalMonth(birthDate, day.Year, day.Month) + Reduce(day.Day));

    public static PersonalNumberSet On(DateOnly birthDate, DateOnly day) => new(
        LifePath(birthDate),
        PersonalYear(birthDate, day.Year),
        PersonalMonth(birthDate, day.Year, day.Month),
        PersonalDay(birthDate, day));

    /// <summary>How a sighting's core number (0–9, 11, 22, 33) relates to a personal day number, by the comparison's rule.</summary>
    public static PersonalDayRelation Relate(int coreNumber, int personalDay)
    {
        if (!NumerologyEngine.IsCoreNumber(coreNumber))
        {
            throw new ArgumentOutOfRangeException(nameof(coreNumber), coreNumber, "Not a core number.");
        }
        if (personalDay == 0 || !NumerologyEngine.IsCoreNumber(personalDay))
        {
            throw new ArgumentOutOfRangeException(nameof(personalDay), personalDay, "Not a personal day number.");
        }
        // A core number read as a number is its own core number, so the comparison's rule applies unchanged.
        var relation = NumerologyEngine.Compare(AsFacts(coreNumber), AsFacts(personalDay)).Relation;
        var harmony = relation switch
        {
            NumberRelation.Same => PersonalDayHarmony.Same,
            NumberRelation.SharedRoot or NumberRelation.SameFamily => PersonalDayHarmony.Harmonious,
            NumberRelation.DifferentFamilies => PersonalDayHarmony.Challenging,
            _ => PersonalDayHarmony.Neutral,
        };
        return new PersonalDayRelation(coreNumber, personalDay, relation, harmony);
    }

    /// <summary>
    /// A birth date as an <c>input type="date"</c> sends it (year-month-day), from 1 January 1900 up to
    /// <paramref name="today"/> (the member's today, in their zone).
    /// </summary>
    public static bool TryParseBirthDate(string? text, DateOnly today, out DateOnly birthDate, out string? error)
    {
        birthDate = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = BirthDateEmptyMessage;
            return false;
        }
        if (!IsoDate().IsMatch(trimmed))
        {
            error = BirthDateFormatMessage;
            return false;
        }
        if (!DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate))
        {
            error = $"There is no such day as {trimmed}: check the month and the day.";
            return false;
        }
        if (birthDate < EarliestBirthDate)
        {
            error = BirthDateTooEarlyMessage;
            return false;
        }
        if (birthDate > today)
        {
            error = BirthDateInFutureMessage;
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>The families of the compatibility tradition, as <see cref="NumerologyEngine.Family"/> groups them.</summary>
    public static string FamilyName(int coreNumber) => NumerologyEngine.Family(NumerologyEngine.Root(coreNumber)) switch
    {
        1 => "the seekers (1, 5, 7)",
        2 => "the builders (2, 4, 8)",
        3 => "the carers (3, 6, 9)",
        _ => "the number of potential (0)",
    };

    private static int Reduce(int value) => (int)NumerologyEngine.ReductionChain(value)[^1];

    private static NumerologyFacts AsFacts(int coreNumber)
    {
        var digits = coreNumber.ToString(CultureInfo.InvariantCulture);
        return NumerologyEngine.Read(new ReadingSubject(digits, digits, Clock: null));
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
