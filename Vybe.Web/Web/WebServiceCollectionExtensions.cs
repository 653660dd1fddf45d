using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Vybe.Web.Accounts;
using Vybe.Web.ErrorLog;
using Vybe.Web.Operations;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Web;

public static class WebServiceCollectionExtensions
{
    public const string AntiforgeryHeaderName = "RequestVerificationToken";

    public static IServiceCollection AddVybeWeb(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin", AccountsServiceCollectionExtensions.AdminPolicy);
                options.Conventions.AuthorizeFolder("/Account/Manage");
                options.Conventions.ConfigureFilter(new HandlerRequiredFilter());
            });

        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeaderName;
            options.Cookie.Name = "vybe.af";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddForwardedHeadersTrust();
        services.AddVybeRateLimits();
        services.AddDatabaseOutageHandling();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl) || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "Vybe:PublicBaseUrl must be an absolute URL such as https://vybe.example.")
            .ValidateOnStart();
        services.AddSingleton<PublicUrls>();
        services.AddScoped<VisitorTimeZones>();
        return services;
    }

    public static WebApplication UseVybeWeb(this WebApplication app)
    {
        MovedSettings.WarnAboutMovedSettings(app.Configuration, app.Logger);
        // First: the client's address (from a trusted proxy's X-Forwarded-For) is what the error log
        // records and what the per-address rate limits count.
        app.UseForwardedHeaders();
        app.UseErrorLog();
        app.UseMiddleware<HtmxHeaderGuard>();
        // Outside the exception handler, so that the bodiless 503 it answers for a database outage
        // (DatabaseUnavailableHandler) is rendered as /Status/503 like any other status code.
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseExceptionHandler("/Error");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();

        app.UseRouting();
        app.UseAuthentication();
        app.UseRefusalOfUncheckedSessions();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = ReadinessResponse.WriteAsync,
        });
        app.MapClientErrors();
        app.MapWebVitals();
        app.MapOpsInfo();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
