using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Vybe.Web.Data;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.History;

/// <summary>The visitor's history as a JSON or CSV download (at most 100 readings, so it is built in one go).</summary>
[NoStore]
public sealed class ExportModel(HistoryStore history, ReadingViews views, VybeDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format, [FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        if (format is not ("json" or "csv"))
        {
            return BadRequest("Choose an export format: format=json or format=csv.");
        }

        var rows = await history.AllAsync(visitor, cancellationToken);
        var readings = views.From(rows);
        var fileName = string.Create(CultureInfo.InvariantCulture, $"vybe-history-{clock.GetUtcNow():yyyyMMdd-HHmmss}.{format}");
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        if (format == "json")
        {
            Response.ContentType = "application/json; charset=utf-8";
            var account = visitor.UserId is { } userId
                ? await db.Users.AsNoTracking().Where(u => u.Id == userId)
                    .Select(u => new HistoryExport.AccountSettings(u.BirthDate, u.TimeZone)).SingleOrDefaultAsync(cancellationToken)
                : null;
            await HistoryExport.WriteJsonAsync(Response.Body, readings, account, cancellationToken);
        }
        else
        {
            Response.ContentType = "text/csv; charset=utf-8";
            await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await HistoryExport.WriteCsvAsync(writer, readings);
        }
        return new EmptyResult();
    }
}
