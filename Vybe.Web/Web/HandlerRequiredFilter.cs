using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Vybe.Web.Web;

/// <summary>
/// When no handler of a page takes the request (<c>?handler=Nope</c>, or a PUT to a page that only
/// reads), Razor Pages renders the page without running any handler: its model is empty, and the
/// view threw (500). Such a request gets 404 (no such action) or 405 with <c>Allow</c> (no action
/// for that method) instead. A page without handlers at all is only a view, and renders as before.
/// </summary>
internal sealed class HandlerRequiredFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var handlers = context.ActionDescriptor.HandlerMethods;
        // The error and status pages are re-executed with the failed request's method, whatever it was: they answer it.
        var reExecuted = context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (context.HandlerMethod is not null || handlers.Count == 0 || reExecuted)
        {
            return;
        }
        var method = HttpMethods.IsHead(context.HttpContext.Request.Method) ? HttpMethods.Get : context.HttpContext.Request.Method;
        if (handlers.Any(handler => string.Equals(handler.HttpMethod, method, StringComparison.OrdinalIgnoreCase)))
        {
            context.Result = new NotFoundResult();
            return;
        }
        var allowed = handlers.Select(handler => handler.HttpMethod.ToUpperInvariant()).Distinct().ToList();
        if (allowed.Contains("GET"))
        {
            allowed.Add("HEAD");
        }
        context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
