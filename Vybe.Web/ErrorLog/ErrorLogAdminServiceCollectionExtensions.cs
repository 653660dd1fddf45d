using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.ErrorLog;

public static class ErrorLogAdminServiceCollectionExtensions
{
    /// <summary>The queries and commands behind the admin error-log pages (/Admin/Errors).</summary>
    public static IServiceCollection AddErrorLogAdmin(this IServiceCollection services)
    {
        services.AddScoped<ErrorLogQueries>();
        services.AddScoped<ErrorIssueQueries>();
        services.AddScoped<ErrorIssueTrends>();
        services.AddScoped<ErrorIssueCommands>();
        services.AddScoped<ErrorIssueDetails>();
        return services;
    }
}
