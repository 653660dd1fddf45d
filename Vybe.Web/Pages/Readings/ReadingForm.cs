namespace Vybe.Web.Pages.Readings;

/// <summary>The four reading forms of the home page, each posted to its own page under <c>/Readings/</c>.</summary>
public enum ReadingForm
{
    Time,
    Number,
    Compare,
    Photo,
}

public static class ReadingForms
{
    public static readonly IReadOnlyList<ReadingForm> All = [ReadingForm.Time, ReadingForm.Number, ReadingForm.Compare, ReadingForm.Photo];

    /// <summary>The form's name in the home page's <c>?form=</c> tab links.</summary>
    public static string Key(this ReadingForm form) => form.ToString().ToLowerInvariant();

    /// <summary>The id of the form element, which an htmx answer with errors replaces.</summary>
    public static string FormId(this ReadingForm form) => $"{form.Key()}-form";

    /// <summary>The page the form posts to, and that shows it with its result without JavaScript.</summary>
    public static string PageName(this ReadingForm form) => $"/Readings/{form}";

    /// <summary>The partial that renders the form, next to its page.</summary>
    public static string PartialName(this ReadingForm form) => $"/Pages/Readings/_{form}Form.cshtml";

    public static string Label(this ReadingForm form) => form switch
    {
        ReadingForm.Time => "A time",
        ReadingForm.Number => "A number",
        ReadingForm.Compare => "Compare two",
        ReadingForm.Photo => "A photo",
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    public static ReadingForm Parse(string? key) =>
        All.FirstOrDefault(form => string.Equals(form.Key(), key, StringComparison.OrdinalIgnoreCase), ReadingForm.Time);
}
