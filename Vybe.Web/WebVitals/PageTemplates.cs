using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing.Patterns;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.WebVitals;

/// <summary>
/// The route templates of this site's pages (<c>/</c>, <c>/r/{id}</c>, <c>/Admin/Errors/Details/{id}</c>):
/// what a Web Vitals report names as its page, so samples group by page kind and carry no ids.
/// </summary>
public sealed class PageTemplates(EndpointDataSource endpoints)
{
    private readonly Lazy<FrozenSet<string>> known = new(() => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        .Select(endpoint => Of(endpoint.RoutePattern))
        .ToFrozenSet(StringComparer.Ordinal));

    public bool IsKnown(string template) => known.Value.Contains(template);

    public IReadOnlyCollection<string> All => known.Value;

    /// <summary>The template with constraints and defaults left out: <c>/r/{id:guid}</c> becomes <c>/r/{id}</c>.</summary>
    public static string Of(RoutePattern pattern)
    {
        var template = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            template.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        template.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        template.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        template.Append('{').Append(parameter.IsCatchAll ? "*" : "").Append(parameter.Name)
                            .Append(parameter.IsOptional ? "?" : "").Append('}');
                        break;
                }
            }
        }
        return template.Length == 0 ? "/" : template.ToString();
    }
}

/// <summary>What the layout tells the Web Vitals script about the page view it measures.</summary>
public sealed record WebVitalsPageView(string Page, Guid RequestId)
{
    /// <summary>The matched page's template and the request id; null outside a routed request.</summary>
    public static WebVitalsPageView? Of(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint && context.Features.Get<RequestLogContext>() is { } request
            ? new WebVitalsPageView(PageTemplates.Of(endpoint.RoutePattern), request.RequestId)
            : null;
}
