using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Vybe.Web.Web;

/// <summary>
/// An instant as a person reads it, in their own zone, on every page the same way:
/// <c>&lt;local-time value="@reading.SeenAt" /&gt;</c> (add <c>format="date"</c> for the day alone).
/// </summary>
/// <remarks>
/// It renders <c>&lt;time datetime="2026-12-01T22:59:13Z" data-local-time="datetime" data-written-in="Europe/Paris"&gt;1 Dec 2026, 23:59&lt;/time&gt;</c>:
/// the machine-readable UTC instant, and text in the visitor's zone (<see cref="VisitorTimeZones.ForAsync"/>:
/// the account's zone, else the browser's from the <c>vybe-tz</c> cookie, else UTC, then labelled
/// "UTC"), named in <c>data-written-in</c>. Where JavaScript runs, wwwroot/js/local-time.js rewrites,
/// in the same format, only a text written in another zone than the browser's (or the account's,
/// which it finds in <c>data-zone</c>), and keeps the cookie current.
/// Other attributes (<c>class</c>) pass through to the <c>&lt;time&gt;</c> element.
/// </remarks>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(VisitorTimeZones zones) : TagHelper
{
    /// <summary>What <see cref="Format"/> accepts, and the script reads from <c>data-local-time</c>.</summary>
    public const string DateTimeFormat = "datetime";
    public const string DateFormat = "date";

    /// <summary>The instant to show (any offset; it is shown in the visitor's zone).</summary>
    public DateTimeOffset Value { get; set; }

    /// <summary><c>datetime</c> (the default: "1 Dec 2026, 23:59") or <c>date</c> ("1 Dec 2026").</summary>
    public string Format { get; set; } = DateTimeFormat;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (Format is not (DateTimeFormat or DateFormat))
        {
            throw new InvalidOperationException($"<local-time format=\"{Format}\">: use \"{DateTimeFormat}\" or \"{DateFormat}\".");
        }
        var zone = await zones.ForAsync(ViewContext.HttpContext, ViewContext.HttpContext.RequestAborted);
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("data-local-time", Format);
        output.Attributes.SetAttribute("data-written-in", zone.Id);
        if (zone.Source == TimeZoneSource.Account)
        {
            // The member chose this zone: the script shows it rather than the browser's.
            output.Attributes.SetAttribute("data-zone", zone.Id);
        }
        output.Content.SetContent(Text(Value, zone, Format));
    }

    /// <summary>The text the server writes: the instant in the zone, "UTC" added when no zone was known.</summary>
    public static string Text(DateTimeOffset value, VisitorTimeZone zone, string format = DateTimeFormat)
    {
        var local = zone.ToLocal(value);
        var text = local.ToString(format == DateFormat ? "d MMM yyyy" : "d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        return zone.Source == TimeZoneSource.Utc && format != DateFormat ? text + " UTC" : text;
    }
}
