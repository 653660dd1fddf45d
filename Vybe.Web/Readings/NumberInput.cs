namespace Vybe.Web.Readings;

/// <summary>
/// A number as typed: 1 to 12 digits. Spaces between groups are dropped (a plate reads "12 34");
/// leading zeros are kept, because 000 is not 0 to the eye that saw it.
/// </summary>
public sealed record NumberInput(string Digits)
{
    public const int MaxDigits = 12;
    public const string EmptyMessage = "Enter a number, such as 444 or 1212.";

    public ReadingSubject ToSubject() => new(Digits, Digits, null);

    public static bool TryParse(string? text, out NumberInput number, out string? error)
    {
        number = null!;
        if (!InputText.TryNormalize(text, EmptyMessage, out var normalized, out error))
        {
            return false;
        }

        var digits = normalized.Replace(" ", "", StringComparison.Ordinal);
        if (digits.StartsWith('-') && digits.Length > 1 && digits[1..].All(char.IsAsciiDigit))
        {
            error = "Use a whole number without a minus sign: numerology reads the digits you saw, such as 444.";
            return false;
        }

        if (digits.Any(c => c is '.' or ',') && digits.Any(char.IsAsciiDigit) && digits.All(c => char.IsAsciiDigit(c) || c is '.' or ','))
        {
            error = "Use whole digits only, without a decimal point or comma: for 4.5 type 45.";
            return false;
        }

        if (digits.Contains(':'))
        {
            error = "That looks like a time: use the time form for it, or type only digits here.";
            return false;
        }

        if (!digits.All(char.IsAsciiDigit))
        {
            error = "Use digits only (0 to 9), such as 444 or 1212.";
            return false;
        }

        if (digits.Length > MaxDigits)
        {
            error = $"That has {digits.Length} digits: use at most {MaxDigits}.";
            return false;
        }

        number = new NumberInput(digits);
        error = null;
        return true;
    }
}
