using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Data;

/// <summary>The plain local run: no configuration but a data folder, SQLite created and migrated at start-up.</summary>
public sealed class SqliteRunTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"vybe-data-{Guid.NewGuid():N}");
    private readonly WebApplicationFactory<Program> app;

    public SqliteRunTests()
    {
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Vybe:Database:Provider", "sqlite");
            builder.UseSetting("ConnectionStrings:Vybe", "");
            builder.UseSetting("Vybe:Database:DataDirectory", dataDirectory);
            builder.UseSetting("Vybe:Email:PickupDirectory", Path.Combine(dataDirectory, "mail"));
        });
    }

    [Fact]
    public async Task Fresh_sqlite_app_creates_its_database_and_a_member_can_sign_up_and_log_in()
    {
        using var browser = new HtmlBrowser(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/readyz")).StatusCode);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "vybe.db")));
        var email = AccountSteps.NewEmail();

        var signedUp = await browser.SignUpAsync(email);
        await browser.LogOutAsync();
        var loggedIn = await browser.LogInAsync(email);

        Assert.Contains("Your account is ready", signedUp.Text);
        Assert.Equal("/", loggedIn.Url.AbsolutePath);
        Assert.NotNull(loggedIn.Document.QuerySelector("header form[action='/Account/Logout']"));
    }

    public void Dispose()
    {
        app.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
