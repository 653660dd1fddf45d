using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;

namespace Vybe.Web.Web;

/// <summary>Pages answer htmx requests with fragments and others with whole pages, so caches must key on HX-Request.</summary>
internal sealed class HtmxVaryPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        context.HttpContext.Response.Headers.Append(HeaderNames.Vary, "HX-Request");
        return next();
    }
}
