using System.Globalization;
using System.Text.RegularExpressions;

namespace Vybe.Web.Readings;

/// <summary>
/// A time of day as typed: <c>11:11</c>, <c>09:55</c>, <c>9:55</c>, <c>21:12</c>, <c>9:55 pm</c>.
/// A 24-hour time is read with its two-digit hour (09:55 → 0955); a 12-hour time is read as the
/// clock showed it (9:55 pm → 955, 12:21 am → 1221), because the digits seen are what the reading is about.
/// </summary>
public sealed partial record TimeInput(int Hour, int Minute, bool TwelveHourClock, string Normalized, string Digits, ClockFace Clock)
{
    public const string EmptyMessage = "Enter a time, such as 11:11 or 9:55 pm.";
    public const string FormatMessage = "Enter a time as hours and minutes with a colon, such as 11:11, 09:55 or 9:55 pm.";

    public ReadingSubject ToSubject() => new(Normalized, Digits, Clock);

    public static bool TryParse(string? text, out TimeInput time, out string? error)
    {
        time = null!;
        if (!InputText.TryNormalize(text, EmptyMessage, out var normalized, out error))
        {
            return false;
        }

        var match = TimePattern().Match(normalized);
        if (!match.Success)
        {
            error = FormatMessage;
            return false;
        }

        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var meridiem = match.Groups["meridiem"].Success
            ? (char.ToLowerInvariant(match.Groups["meridiem"].Value[0]) == 'a' ? "am" : "pm")
            : null;

        if (minute > 59)
        {
            error = $"There is no minute {minute}: minutes go from 00 to 59.";
            return false;
        }

        if (meridiem is null)
        {
            if (hour > 23)
            {
                error = $"There is no hour {hour} on a 24-hour clock: use 0 to 23, or 1 to 12 with am or pm.";
                return false;
            }

            var hourText = hour.ToString("00", CultureInfo.InvariantCulture);
            var minuteText = minute.ToString("00", CultureInfo.InvariantCulture);
            time = new TimeInput(hour, minute, false, $"{hourText}:{minuteText}", hourText + minuteText, new ClockFace(hourText, minuteText));
            return true;
        }

        if (hour is < 1 or > 12)
        {
            error = $"With am or pm the hour goes from 1 to 12, not {hour}.";
            return false;
        }

        var shownHour = hour.ToString(CultureInfo.InvariantCulture);
        var shownMinute = minute.ToString("00", CultureInfo.InvariantCulture);
        var hour24 = (hour % 12) + (meridiem == "pm" ? 12 : 0);
        time = new TimeInput(hour24, minute, true, $"{shownHour}:{shownMinute} {meridiem}", shownHour + shownMinute,
            new ClockFace(hour.ToString("00", CultureInfo.InvariantCulture), shownMinute, hour24));
        return true;
    }

    [GeneratedRegex(@"^(?<hour>\d{1,2})\s?[:.h]\s?(?<minute>\d{2})(\s?(?<meridiem>[ap])\.?\s?m\.?)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TimePattern();
}
