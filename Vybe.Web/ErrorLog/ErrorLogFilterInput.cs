using Microsoft.AspNetCore.Mvc;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// The filter as the query string carries it, field by field as typed: what the filter form sends
/// and the pages bind (<c>[BindProperty(SupportsGet = true)]</c>). <see cref="ErrorLogFilter.TryParse"/>
/// makes the filter of it; the form shows these values back, even those that did not parse.
/// </summary>
public sealed class ErrorLogFilterInput
{
    [FromQuery(Name = ErrorLogFilter.Keys.Level)]
    public string? Level { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.Service)]
    public string? Service { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.Environment)]
    public string? Environment { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.Code)]
    public string? Code { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.Text)]
    public string? Text { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.RequestId)]
    public string? RequestId { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.UserId)]
    public string? UserId { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.From)]
    public string? From { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.To)]
    public string? To { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.Issue)]
    public string? Issue { get; set; }

    [FromQuery(Name = ErrorLogFilter.Keys.Release)]
    public string? Release { get; set; }
}
