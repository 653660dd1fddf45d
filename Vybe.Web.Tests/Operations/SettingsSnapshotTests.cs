using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vybe.Web.Operations;

namespace Vybe.Web.Tests.Operations;

public sealed class SettingsSnapshotTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build();

    [Fact]
    public void Settings_that_look_secret_are_reported_as_set_or_not_and_never_with_their_value()
    {
        var snapshot = SettingsSnapshot.From(Configuration(
            ("Vybe:Readings:Writer", "builtin"),
            ("OpenAI:Model", "gpt-4o-mini"),
            ("OpenAI:ApiKey", "sk-secret"),
            ("ConnectionStrings:Vybe", "Host=db;Password=pw"),
            ("ConnectionStrings:Reporting", "Host=other"),
            ("Vybe:Email:Smtp:Password", ""),
            ("Vybe:Payments:Credentials:Account", "acct-secret"),
            ("Sentry:Environment", "staging")));

        Assert.Equal(new Dictionary<string, string>
        {
            ["OpenAI:Model"] = "gpt-4o-mini",
            ["Sentry:Environment"] = "staging",
            ["Vybe:Readings:Writer"] = "builtin",
        }, snapshot.Settings.ToDictionary());
        Assert.Equal(new Dictionary<string, bool>
        {
            ["ConnectionStrings:Reporting"] = true,
            ["ConnectionStrings:Vybe"] = true,
            ["OpenAI:ApiKey"] = true,
            ["Sentry:Dsn"] = false,
            ["Vybe:Email:Smtp:Password"] = false,
            ["Vybe:Ops:InfoToken"] = false,
            ["Vybe:Payments:Credentials:Account"] = true,
        }, snapshot.Secrets.ToDictionary());
    }

    [Fact]
    public void Only_the_app_settings_count_not_logging_or_listening_addresses_and_empty_means_not_set()
    {
        var snapshot = SettingsSnapshot.From(Configuration(
            ("Logging:LogLevel:Default", "Debug"),
            ("ASPNETCORE_URLS", "http://127.0.0.1:5000"),
            ("Vybe:PublicBaseUrl", ""),
            ("AllowedHosts", "*")));

        Assert.Equal(["AllowedHosts"], snapshot.Settings.Keys);
    }

    [Fact]
    public void The_fingerprint_depends_on_the_settings_not_on_their_order_or_the_case_of_their_keys()
    {
        var one = SettingsSnapshot.From(Configuration(("Vybe:Readings:Writer", "builtin"), ("OpenAI:Model", "m")));
        var sameOtherOrder = SettingsSnapshot.From(Configuration(("OPENAI:MODEL", "m"), ("vybe:readings:writer", "builtin")));
        var otherValue = SettingsSnapshot.From(Configuration(("Vybe:Readings:Writer", "openai"), ("OpenAI:Model", "m")));
        var otherSecret = SettingsSnapshot.From(Configuration(("Vybe:Readings:Writer", "builtin"), ("OpenAI:Model", "m"), ("OpenAI:ApiKey", "k")));

        Assert.Equal(one.Fingerprint, sameOtherOrder.Fingerprint);
        Assert.NotEqual(one.Fingerprint, otherValue.Fingerprint);
        Assert.Equal(one.Fingerprint, otherSecret.Fingerprint); // secrets are compared by presence, not fingerprinted
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789abcdef0123456789abcde")]
    public void A_token_shorter_than_32_characters_is_refused_at_start_up(string token)
    {
        using var services = new ServiceCollection()
            .AddSingleton(Configuration(("Vybe:Ops:InfoToken", token)))
            .AddOperations()
            .BuildServiceProvider();

        var problem = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OpsOptions>>().Value);
        Assert.Contains("at least 32 characters", problem.Message);
    }
}
