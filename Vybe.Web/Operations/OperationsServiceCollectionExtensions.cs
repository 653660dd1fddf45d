namespace Vybe.Web.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>The deployment report behind <c>/ops/info</c> (mapped by <c>UseVybeWeb</c>) and the <c>parity</c> command.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOptions<OpsOptions>().BindConfiguration(OpsOptions.Section)
            .Validate(o => !o.BearerAccessEnabled || o.InfoToken!.Length >= OpsOptions.MinimumTokenLength,
                $"Vybe:Ops:InfoToken must be at least {OpsOptions.MinimumTokenLength} characters (for example `openssl rand -hex 32`).")
            .ValidateOnStart();
        services.AddScoped<DeploymentInfoReader>();
        return services;
    }
}
