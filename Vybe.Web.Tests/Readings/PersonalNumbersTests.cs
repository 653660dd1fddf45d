using Vybe.Web.Readings;

namespace Vybe.Web.Tests.Readings;

/// <summary>
/// Personal numbers against values worked out by hand with the method <see cref="PersonalNumbers.Method"/>
/// states: month, day and year each reduced (11, 22 and 33 kept), then added and reduced again.
/// </summary>
public sealed class PersonalNumbersTests
{
    // Each expected value was computed by hand; the working is in the comment.
    public static TheoryData<string, int> LifePaths => new()
    {
        // 11, 29 → 11, 1990 → 19 → 10 → 1; 11 + 11 + 1 = 23 → 5.
        { "1990-11-29", 5 },
        // 7, 4, 1985 → 23 → 5; 7 + 4 + 5 = 16 → 7.
        { "1985-07-04", 7 },
        // 1, 8, 2000 → 2; 1 + 8 + 2 = 11, a master number, kept.
        { "2000-01-08", 11 },
        // 11, 4, 1978 → 25 → 7; 11 + 4 + 7 = 22, kept.
        { "1978-11-04", 22 },
        // 2, 9, 1993 → 22 (kept, not reduced to 4); 2 + 9 + 22 = 33, kept.
        { "1993-02-09", 33 },
        // Leap day: 2, 29 → 11, 1996 → 25 → 7; 2 + 11 + 7 = 20 → 2. Adding all eight digits instead
        // (1+9+9+6+0+2+2+9 = 38 → 11) gives 11: keeping the day's 11 is what makes the difference.
        { "1996-02-29", 2 },
        // The earliest date the setting takes: 1, 1, 1900 → 10 → 1; 1 + 1 + 1 = 3.
        { "1900-01-01", 3 },
    };

    [Theory]
    [MemberData(nameof(LifePaths))]
    public void Life_path_reduces_month_day_and_year_apart_keeping_master_numbers(string birthDate, int expected) =>
        Assert.Equal(expected, PersonalNumbers.LifePath(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture)));

    // Birth date, day, then the personal year, month and day, by hand.
    public static TheoryData<string, string, int, int, int> Days => new()
    {
        // Year: 11 + 11 + (2026 → 10 → 1) = 23 → 5; month: 5 + 3 = 8; day: 8 + (14 → 5) = 13 → 4.
        { "1990-11-29", "2026-03-14", 5, 8, 4 },
        // The same month; day: 8 + 3 = 11, kept.
        { "1990-11-29", "2026-03-03", 5, 8, 11 },
        // Year: 11 + 11 + (2027 → 11) = 33, kept; month: 33 + (12 → 3) = 36 → 9; day: 9 + (31 → 4) = 13 → 4.
        { "1990-11-29", "2027-12-31", 33, 9, 4 },
        // Year: 5 + 22 + 11 = 38 → 11; month: 11 + 11 = 22; day: 22 + 11 = 33: master numbers all the way down.
        { "1985-05-22", "2027-11-11", 11, 22, 33 },
        // Born on a leap day, in a year without one: 2 + 11 + (2027 → 11) = 24 → 6; 6 + 2 = 8; 8 + (28 → 10 → 1) = 9.
        { "1996-02-29", "2027-02-28", 6, 8, 9 },
        // The day after: month 6 + 3 = 9; day 9 + 1 = 10 → 1.
        { "1996-02-29", "2027-03-01", 6, 9, 1 },
        // A leap day in a leap year: 2 + 11 + (2028 → 12 → 3) = 16 → 7; 7 + 2 = 9; 9 + (29 → 11) = 20 → 2.
        { "1996-02-29", "2028-02-29", 7, 9, 2 },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void Personal_year_month_and_day_add_the_calendar_to_the_birth_month_and_day(
        string birthDate, string day, int year, int month, int personalDay)
    {
        var birth = DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture);
        var on = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        var numbers = PersonalNumbers.On(birth, on);

        Assert.Equal(new PersonalNumberSet(PersonalNumbers.LifePath(birth), year, month, personalDay), numbers);
        Assert.Equal(year, PersonalNumbers.PersonalYear(birth, on.Year));
        Assert.Equal(month, PersonalNumbers.PersonalMonth(birth, on.Year, on.Month));
        Assert.Equal(personalDay, PersonalNumbers.PersonalDay(birth, on));
    }

    [Fact]
    public void Every_day_of_a_leap_year_gives_a_core_number_from_1_to_9_or_a_master_number()
    {
        var birth = new DateOnly(1996, 2, 29);
        for (var day = new DateOnly(2028, 1, 1); day.Year == 2028; day = day.AddDays(1))
        {
            var numbers = PersonalNumbers.On(birth, day);
            Assert.All(new[] { numbers.LifePath, numbers.PersonalYear, numbers.PersonalMonth, numbers.PersonalDay },
                n => Assert.True(n is >= 1 and <= 9 or 11 or 22 or 33, $"{day}: {numbers}"));
        }
    }

    public static TheoryData<int, int, NumberRelation, PersonalDayHarmony> Relations => new()
    {
        { 4, 4, NumberRelation.Same, PersonalDayHarmony.Same },
        { 33, 33, NumberRelation.Same, PersonalDayHarmony.Same },
        // 11's root is 2.
        { 11, 2, NumberRelation.SharedRoot, PersonalDayHarmony.Harmonious },
        { 6, 33, NumberRelation.SharedRoot, PersonalDayHarmony.Harmonious },
        // 1, 5 and 7 are the seekers; 22's root 4 is a builder like 8.
        { 1, 5, NumberRelation.SameFamily, PersonalDayHarmony.Harmonious },
        { 22, 8, NumberRelation.SameFamily, PersonalDayHarmony.Harmonious },
        // 4 is a builder, 7 a seeker; 11 (root 2) a builder, 9 a carer.
        { 4, 7, NumberRelation.DifferentFamilies, PersonalDayHarmony.Challenging },
        { 11, 9, NumberRelation.DifferentFamilies, PersonalDayHarmony.Challenging },
        // 000 has core number 0, the number of potential.
        { 0, 9, NumberRelation.Potential, PersonalDayHarmony.Neutral },
    };

    [Theory]
    [MemberData(nameof(Relations))]
    public void A_sighting_relates_to_the_personal_day_by_the_rule_of_comparisons(
        int coreNumber, int personalDay, NumberRelation relation, PersonalDayHarmony harmony)
    {
        var related = PersonalNumbers.Relate(coreNumber, personalDay);

        Assert.Equal((relation, harmony), (related.Relation, related.Harmony));
        Assert.False(string.IsNullOrWhiteSpace(related.Label));
        Assert.Contains(personalDay.ToString(System.Globalization.CultureInfo.InvariantCulture), related.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12, 4)]
    [InlineData(4, 0)]
    [InlineData(4, 10)]
    public void Relate_refuses_numbers_that_are_not_core_numbers(int coreNumber, int personalDay) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonalNumbers.Relate(coreNumber, personalDay));

    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData("1990-11-29", "1990-11-29")]
    [InlineData(" 1900-01-01 ", "1900-01-01")]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData("1996-02-29", "1996-02-29")]
    public void A_birth_date_from_1900_up_to_today_is_taken(string text, string expected)
    {
        Assert.True(PersonalNumbers.TryParseBirthDate(text, Today, out var birthDate, out var error), error);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), birthDate);
    }

    [Theory]
    [InlineData(null, PersonalNumbers.BirthDateEmptyMessage)]
    [InlineData("  ", PersonalNumbers.BirthDateEmptyMessage)]
    [InlineData("29/11/1990", PersonalNumbers.BirthDateFormatMessage)]
    [InlineData("1990-11-29T00:00", PersonalNumbers.BirthDateFormatMessage)]
    [InlineData("١٩٩٠-١١-٢٩", PersonalNumbers.BirthDateFormatMessage)]
    [InlineData("1899-12-31", PersonalNumbers.BirthDateTooEarlyMessage)]
    [InlineData("2026-12-02", PersonalNumbers.BirthDateInFutureMessage)]
    [InlineData("1995-02-29", "There is no such day as 1995-02-29: check the month and the day.")]
    [InlineData("1990-13-01", "There is no such day as 1990-13-01: check the month and the day.")]
    public void A_birth_date_that_is_not_one_is_refused_with_a_reason(string? text, string message)
    {
        Assert.False(PersonalNumbers.TryParseBirthDate(text, Today, out _, out var error));
        Assert.Equal(message, error);
    }
}
