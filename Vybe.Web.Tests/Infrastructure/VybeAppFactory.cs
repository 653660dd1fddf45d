using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.Data;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP (TestServer) on a fresh PostgreSQL database of its own. One instance per
/// test class (<c>IClassFixture</c>), so classes never see each other's rows.
/// </summary>
public class VybeAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; protected set; } = "";

    public string MailPickupDirectory { get; } = Directory.CreateTempSubdirectory("vybe-mail-").FullName;

    /// <summary>Extra configuration a test class needs, applied on top of the defaults.</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name.ToLowerInvariant());
        // Starting the server applies the migrations; do it now so a failure shows up in the fixture.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("ConnectionStrings:Vybe", ConnectionString);
        builder.UseSetting("Vybe:Database:Provider", DatabaseOptions.Postgres);
        builder.UseSetting("Vybe:Email:PickupDirectory", MailPickupDirectory);
        // Every test client shares one address; the rate-limit tests set their own small limits.
        builder.UseSetting("Vybe:RateLimits:ReadingsPerMemberPerMinute", "100000");
        builder.UseSetting("Vybe:RateLimits:ReadingsPerGuestAddressPerMinute", "100000");
        builder.UseSetting("Vybe:RateLimits:ReadingsPerAddressPerMinute", "100000");
        builder.UseSetting("Vybe:RateLimits:LoginPerMinute", "100000");
        builder.UseSetting("Vybe:RateLimits:SignupPerMinute", "100000");
        builder.UseSetting("Vybe:RateLimits:AccountRecoveryPerMinute", "100000");
        builder.UseSetting("Vybe:RateLimits:UploadsPerMinute", "100000");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HtmlBrowser CreateBrowser(bool https = false, string host = "localhost") =>
        new(CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri($"{(https ? "https" : "http")}://{host}"),
        }));

    public async Task<T> WithDbAsync<T>(Func<VybeDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<VybeDbContext>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
        Directory.Delete(MailPickupDirectory, recursive: true);
    }
}
