using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Data;

namespace Vybe.Web.Web;

/// <summary>
/// While the database is unreachable, a request that needs it is answered 503 with <c>Retry-After</c>
/// and the "briefly unavailable" page (an htmx request gets a toast), instead of the generic error
/// page; requests that do not need it (the home page and the forms for a guest, static files,
/// <c>/healthz</c>) are served as usual. Recognising the outage is <see cref="DatabaseFailures"/>'s
/// job; answering it is <see cref="DatabaseUnavailableHandler"/>'s, once, for every page.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>What <c>Retry-After</c> tells a refused client: a PostgreSQL restart or fail-over takes seconds.</summary>
    public const int RetryAfterSeconds = 5;

    public static string RetryAfter => RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    public static IServiceCollection AddDatabaseOutageHandling(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseOutageLog>();
        // Stopped before the error-log writer (hosted services stop in reverse order), so the last
        // minute's record still reaches the queue the writer drains.
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseOutageLog>());

        // The exception handlers run in the order they were registered until one handles the exception.
        // This one goes first: an outage is counted in the minute's record, not logged once per request
        // as UNHANDLED_ERROR by the error log's handler.
        var handlers = services.Where(d => d.ServiceType == typeof(IExceptionHandler)).ToList();
        var outageHandler = ServiceDescriptor.Singleton<IExceptionHandler, DatabaseUnavailableHandler>();
        services.Insert(handlers.Count == 0 ? services.Count : services.IndexOf(handlers[0]), outageHandler);

        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, KeepSessionsThroughOutages);
        return services;
    }

    /// <summary>
    /// Identity checks a member's security stamp against the database on every request. When the
    /// database cannot answer, the session is neither trusted nor ended: the request goes on without
    /// the member (the cookie stays, so the member is still signed in when the database is back), and
    /// <see cref="UseRefusalOfUncheckedSessions"/> refuses it with 503 if it is for a page.
    /// </summary>
    private static void KeepSessionsThroughOutages(CookieAuthenticationOptions options)
    {
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            try
            {
                await validate(context);
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
            {
                context.RejectPrincipal();
                context.HttpContext.Features.Set(new UncheckedSessionFeature(exception));
            }
        };
    }

    /// <summary>
    /// Right after authentication: a page requested with a session that could not be checked is
    /// refused as the database outage it is (a member would otherwise see the page as a guest, or
    /// be sent to log in). Static files and the health and reporting endpoints go on anonymously.
    /// </summary>
    public static IApplicationBuilder UseRefusalOfUncheckedSessions(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Features.Get<UncheckedSessionFeature>() is { } session
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null
            && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        {
            // Once: the status page that answers this request is rendered for a guest.
            context.Features.Set<UncheckedSessionFeature>(null);
            throw new DatabaseUnavailableException("The member's session could not be checked: the database is unreachable.", session.Cause);
        }
        return next(context);
    });

    private sealed record UncheckedSessionFeature(Exception Cause);
}
