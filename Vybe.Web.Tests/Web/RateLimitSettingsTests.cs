using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Web;

namespace Vybe.Web.Tests.Web;

public sealed class RateLimitSettingsTests
{
    private static ServiceProvider Services(params (string Key, string? Value)[] settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
                .Build())
            .AddForwardedHeadersTrust()
            .AddVybeRateLimits()
            .BuildServiceProvider();

    [Fact]
    public void A_limit_out_of_range_is_refused_at_start_up_with_its_key_and_range()
    {
        using var services = Services(("Vybe:RateLimits:LoginPerMinute", "0"));

        var problem = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        Assert.Contains("Vybe:RateLimits:LoginPerMinute must be a whole number of requests per minute from 1 to 100000.", problem.Message);
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_is_refused_at_start_up_with_its_key_and_value()
    {
        using var services = Services(
            ("Vybe:ForwardedHeaders:KnownProxies:0", "10.0.0.5"),
            ("Vybe:ForwardedHeaders:KnownProxies:1", "proxy.internal"),
            ("Vybe:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33"));

        var problem = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ForwardedHeadersTrustOptions>>().Value);
        Assert.Contains("Vybe:ForwardedHeaders:KnownProxies:1 is \"proxy.internal\", which is not an IP address", problem.Message);
        Assert.Contains("Vybe:ForwardedHeaders:KnownNetworks:0 is \"10.0.0.0/33\", which is not a network in CIDR notation", problem.Message);
    }

    [Fact]
    public void An_old_key_is_read_only_while_its_new_key_is_unset()
    {
        using var oldOnly = Services(("Vybe:Readings:PerMemberPerMinute", "7"), ("Vybe:WebVitals:ReportsPerMinute", "8"));
        using var both = Services(("Vybe:Readings:PerMemberPerMinute", "7"), ("Vybe:RateLimits:ReadingsPerMemberPerMinute", "9"));

        var fromOld = oldOnly.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        Assert.Equal(7, fromOld.ReadingsPerMemberPerMinute);
        Assert.Equal(8, fromOld.WebVitalsReportsPerMinute);
        Assert.Equal(9, both.GetRequiredService<IOptions<RateLimitOptions>>().Value.ReadingsPerMemberPerMinute);
    }

    [Fact]
    public void Start_up_warns_about_an_old_key_and_says_when_the_new_one_overrides_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vybe:Readings:PerGuestAddressPerMinute"] = "7",
            ["Vybe:Readings:PerMemberPerMinute"] = "7",
            ["Vybe:RateLimits:ReadingsPerMemberPerMinute"] = "9",
        }).Build();
        using var warnings = new Warnings();

        MovedSettings.WarnAboutMovedSettings(configuration, warnings);

        Assert.Equal(
        [
            "The setting Vybe:Readings:PerMemberPerMinute is ignored: it has moved to Vybe:RateLimits:ReadingsPerMemberPerMinute, which is set as well. Remove the old one.",
            "The setting Vybe:Readings:PerGuestAddressPerMinute has moved to Vybe:RateLimits:ReadingsPerGuestAddressPerMinute "
                + "(environment variable Vybe__RateLimits__ReadingsPerGuestAddressPerMinute). The old key still works for now; rename it.",
        ], warnings);
    }
}
