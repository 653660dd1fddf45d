using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Vybe.Web.Web;

/// <summary>
/// Answers an upload that is larger than the page accepts with 413 and a message a person can act
/// on, before anything reads the body: the antiforgery check reads the form first and would fail on
/// the size limit with a bare 400. So this runs as the earliest filter there is, an authorization
/// filter ordered before antiforgery's. Plain requests get the status page; htmx requests get the
/// message in the field's error slot.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestTooLargeAttribute(long maxBytes, string fieldErrorId, string message) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength is not { } length || length <= maxBytes)
        {
            return;
        }
        if (request.IsHtmxNonBoosted())
        {
            context.HttpContext.Response.Htmx(headers => headers.Retarget($"#{fieldErrorId}").Reswap("innerHTML"));
            context.Result = new ContentResult { StatusCode = StatusCodes.Status413PayloadTooLarge, Content = message, ContentType = "text/plain; charset=utf-8" };
        }
        else
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
