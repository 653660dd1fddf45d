using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Vybe.E2E.Infrastructure.Pages;

/// <summary>
/// The home page's reading desk as a person uses it in the browser: its forms' fields by their
/// labels, their error slots, the buttons, and the result area. Each selector lives here once.
/// </summary>
public sealed class HomePage(IPage page)
{
    public const string Time = "time";
    public const string Number = "number";
    public const string Compare = "compare";
    public const string Photo = "photo";

    /// <summary>Where the time form posts (by plain post and by htmx alike).</summary>
    public static readonly Regex TimeFormAction = new(@"/Readings/Time$", RegexOptions.IgnoreCase);

    public Task<IResponse?> OpenAsync(string form) => page.GotoAsync($"/?form={form}");

    public ILocator TimeField => page.GetByLabel("Time you saw");

    public ILocator NumberField => page.GetByLabel("Number you saw");

    public ILocator FirstField => page.GetByLabel("First time or number");

    public ILocator SecondField => page.GetByLabel("Second time or number");

    public ILocator PhotoField => page.GetByLabel("Photo of the number");

    /// <summary>A depth of the depth picker: Lite, Standard or Deep.</summary>
    public ILocator Depth(string label) => page.GetByLabel(label);

    /// <summary>One of the candidates the photo's choice offers.</summary>
    public ILocator Choice(string candidate) => page.GetByLabel(candidate);

    public ILocator TimeError => page.Locator("#Input_Time-error");

    public ILocator PhotoError => page.Locator("#Input_Photo-error");

    public ILocator ReadButton => page.GetByRole(AriaRole.Button, new() { Name = "Read it" });

    public ILocator CompareButton => page.GetByRole(AriaRole.Button, new() { Name = "Compare" });

    public ILocator ReadPhotoButton => page.GetByRole(AriaRole.Button, new() { Name = "Read the photo" });

    public ILocator ReadChoiceButton => page.GetByRole(AriaRole.Button, new() { Name = "Read this one" });

    public ILocator NowButton => page.GetByRole(AriaRole.Button, new() { Name = "Now" });

    public ILocator ResultReading => page.Locator("#result article.reading");

    public ILocator ResultTitle => page.Locator("#result .reading-title");

    public ILocator ResultKind => page.Locator("#result .reading-kind");

    public ILocator ResultSections => page.Locator("#result .reading-section");
}

public static class HomePageExtensions
{
    public static HomePage Home(this IPage page) => new(page);
}
