using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Vybe.Web.Web;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed (section
/// <c>Vybe:ForwardedHeaders</c>); nobody else's are. The client address they give is what the error log
/// records and what every per-address rate limit counts.
/// </summary>
public sealed class ForwardedHeadersTrustOptions
{
    public const string Section = "Vybe:ForwardedHeaders";

    /// <summary>IP addresses of the proxies, one per entry.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR notation (<c>10.0.0.0/8</c>), for a proxy tier whose addresses change.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public static readonly IReadOnlyList<MovedSetting> MovedKeys =
    [
        new("Vybe:ErrorLog:KnownProxies", Section + ":" + nameof(KnownProxies)),
    ];
}

public static class ForwardedHeadersTrust
{
    public static IServiceCollection AddForwardedHeadersTrust(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersTrustOptions>()
            .BindConfigurationWithMovedKeys(ForwardedHeadersTrustOptions.Section, ForwardedHeadersTrustOptions.MovedKeys)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersTrustOptions>, Validator>();

        // The client's address comes from X-Forwarded-For only when the request came through a configured proxy.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersTrustOptions>>((forwarded, trust) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in trust.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in trust.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>Names each entry that is not an address or a network, with its value, so that it can be found and fixed.</summary>
    private sealed class Validator : IValidateOptions<ForwardedHeadersTrustOptions>
    {
        public ValidateOptionsResult Validate(string? name, ForwardedHeadersTrustOptions options)
        {
            var failures = options.KnownProxies
                .Select((proxy, index) => IPAddress.TryParse(proxy, out _) ? null
                    : $"{ForwardedHeadersTrustOptions.Section}:KnownProxies:{index} is \"{proxy}\", which is not an IP address (such as 10.0.0.5).")
                .Concat(options.KnownNetworks.Select((network, index) => IPNetwork.TryParse(network, out _) ? null
                    : $"{ForwardedHeadersTrustOptions.Section}:KnownNetworks:{index} is \"{network}\", which is not a network in CIDR notation (such as 10.0.0.0/8)."))
                .OfType<string>()
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
