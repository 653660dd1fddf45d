using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.ErrorLog;

public static class ErrorLogAdminServiceCollectionExtensions
{
    /// <summary>The queries behind the admin error-log pages (/Admin/Errors).</summary>
    public static IServiceCollection AddErrorLogAdmin(this IServiceCollection services)
    {
        services.AddScoped<ErrorLogQueries>();
        services.AddScoped<ErrorIssueQueries>();
        services.AddScoped<ErrorIssueTrends>();
        return services;
    }
}
