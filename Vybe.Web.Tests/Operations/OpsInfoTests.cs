using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vybe.Web.Operations;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Operations;

public sealed class OpsInfoApp : VybeAppFactory
{
    public const string AdminEmail = "ops.reader@example.com";
    public const string Token = "test-ops-token-0123456789abcdef0123456789abcdef";
    public const string FakeApiKey = "sk-fake-openai-key-do-not-print-7f3a9c";
    public const string FakeSmtpPassword = "fake-smtp-password-do-not-print-91b2";
    public const string FakeSigningSecret = "fake-signing-secret-do-not-print-5d0e";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Vybe:Admin:Emails:0"] = AdminEmail,
        ["Vybe:Ops:InfoToken"] = Token,
        ["Vybe:Readings:Writer"] = "builtin",
        ["OpenAI:ApiKey"] = FakeApiKey,
        ["Vybe:Email:Smtp:Password"] = FakeSmtpPassword,
        // A secret the app does not know about: the error log's redaction rules recognise it by its name.
        ["Vybe:Webhooks:SigningSecret"] = FakeSigningSecret,
    };
}

public sealed class OpsInfoTests(OpsInfoApp app, VybeAppFactory appWithoutToken)
    : IClassFixture<OpsInfoApp>, IClassFixture<VybeAppFactory>
{
    private static async Task<HttpResponseMessage> GetInfoAsync(HtmlBrowser browser, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, OpsInfoEndpoint.Path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return await browser.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_guest_gets_the_same_404_page_as_for_an_unknown_address()
    {
        using var guest = app.CreateBrowser();

        var response = await GetInfoAsync(guest);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_member_who_is_not_an_admin_gets_404()
    {
        using var member = app.CreateBrowser();
        await member.SignUpAsync(AccountSteps.NewEmail());

        Assert.Equal(HttpStatusCode.NotFound, (await GetInfoAsync(member)).StatusCode);
    }

    [Fact]
    public async Task An_admin_signed_in_with_the_account_reads_it()
    {
        using var admin = app.CreateBrowser();
        await admin.SignUpAndConfirmAsync(app.MailPickupDirectory, OpsInfoApp.AdminEmail);

        var response = await GetInfoAsync(admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_configured_bearer_token_opens_it_without_an_account()
    {
        using var script = app.CreateBrowser();

        var response = await GetInfoAsync(script, $"Bearer {OpsInfoApp.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer " + OpsInfoApp.Token + "x")]
    [InlineData("Bearer ")]
    [InlineData("Basic b3BzOnRva2Vu")]
    public async Task A_wrong_token_gets_401(string authorization)
    {
        using var script = app.CreateBrowser();

        var response = await GetInfoAsync(script, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("settingsFingerprint", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_configured_token_no_bearer_token_opens_it()
    {
        using var script = appWithoutToken.CreateBrowser();

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetInfoAsync(script, "Bearer ")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetInfoAsync(script, $"Bearer {OpsInfoApp.Token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetInfoAsync(script)).StatusCode);
    }

    [Fact]
    public async Task It_reports_version_environment_migrations_settings_and_which_secrets_are_set_never_their_values()
    {
        using var script = app.CreateBrowser();

        var response = await GetInfoAsync(script, $"Bearer {OpsInfoApp.Token}");
        var json = await response.Content.ReadAsStringAsync();
        var info = JsonSerializer.Deserialize<DeploymentInfo>(json, OpsInfoEndpoint.Json)!;

        var databasePassword = new NpgsqlConnectionStringBuilder(app.ConnectionString).Password;
        foreach (var secret in new[] { OpsInfoApp.Token, OpsInfoApp.FakeApiKey, OpsInfoApp.FakeSmtpPassword, OpsInfoApp.FakeSigningSecret, databasePassword })
        {
            Assert.False(string.IsNullOrEmpty(secret));
            Assert.DoesNotContain(secret!, json);
        }
        Assert.DoesNotContain(app.ConnectionString, json);

        Assert.Equal(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, info.Version);
        Assert.Equal("Test", info.Environment);
        Assert.Equal("postgres", info.DatabaseProvider);
        var migrations = await app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        Assert.Equal(migrations, info.Migrations.Applied);
        Assert.Empty(info.Migrations.Pending);

        Assert.Equal("builtin", info.Settings["Vybe:Readings:Writer"]);
        Assert.Equal("postgres", info.Settings["Vybe:Database:Provider"]);
        Assert.Equal(OpsInfoApp.AdminEmail, info.Settings["Vybe:Admin:Emails:0"]);
        Assert.DoesNotContain(info.Settings.Keys, SettingsSnapshot.IsSecret);
        Assert.Equal(SettingsSnapshot.FingerprintOf(info.Settings), info.SettingsFingerprint);
        Assert.Matches("^[0-9a-f]{64}$", info.SettingsFingerprint);

        Assert.Equal(
            [
                "ConnectionStrings:Vybe=True",
                "OpenAI:ApiKey=True",
                "Sentry:Dsn=False",
                "Vybe:Email:Smtp:Password=True",
                "Vybe:Ops:InfoToken=True",
                "Vybe:Webhooks:SigningSecret=True",
            ],
            info.Secrets.Select(s => $"{s.Key}={s.Value}"));
    }
}
