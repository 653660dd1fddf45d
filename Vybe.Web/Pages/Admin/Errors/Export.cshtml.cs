using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Vybe.Web.ErrorLog;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>The filtered rows as a CSV download, streamed row by row so a large log never sits in memory.</summary>
[NoStore]
public sealed class ExportModel(ErrorLogQueries queries, TimeProvider time) : PageModel
{
    /// <inheritdoc cref="LogModel.Input"/>
    [BindProperty(SupportsGet = true, Name = "")]
    public ErrorLogFilterInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ErrorLogFilter.TryParse(Input, out var filter, out var errors))
        {
            return BadRequest(string.Join(" ", errors.Values));
        }

        var fileName = string.Create(CultureInfo.InvariantCulture, $"error-log-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv");
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        await using (var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            await queries.WriteCsvAsync(filter, writer, cancellationToken);
        }
        return new EmptyResult();
    }
}
