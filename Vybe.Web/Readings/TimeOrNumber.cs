namespace Vybe.Web.Readings;

/// <summary>A field that takes either a time or a number (the compare form): a colon or am/pm makes it a time.</summary>
public static class TimeOrNumber
{
    public const string EmptyMessage = "Enter a time or a number, such as 11:11 or 444.";

    public static bool TryParse(string? text, out ReadingSubject subject, out string? error)
    {
        subject = null!;
        if (!InputText.TryNormalize(text, EmptyMessage, out var normalized, out error))
        {
            return false;
        }

        var looksLikeTime = normalized.Contains(':') || normalized.EndsWith('m') || normalized.EndsWith('M') || normalized.EndsWith('.');
        if (looksLikeTime && TimeInput.TryParse(text, out var time, out error))
        {
            subject = time.ToSubject();
            return true;
        }
        if (!looksLikeTime && NumberInput.TryParse(text, out var number, out error))
        {
            subject = number.ToSubject();
            return true;
        }
        return false;
    }
}
