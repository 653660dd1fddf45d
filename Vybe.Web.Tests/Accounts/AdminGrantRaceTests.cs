using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.Accounts;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Accounts;

/// <summary>Instances that start together all grant the configured admins at once.</summary>
public sealed class AdminGrantRaceTests(AdminGrantRaceTests.Factory app) : IClassFixture<AdminGrantRaceTests.Factory>
{
    public const string ConfiguredAdmin = "race.admin@example.com";

    public sealed class Factory : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:Admin:Emails:0"] = ConfiguredAdmin,
        };
    }

    [Fact]
    public async Task Granting_the_configured_admins_many_times_at_once_ends_with_one_role_and_one_grant()
    {
        using (var browser = app.CreateBrowser())
        {
            await browser.SignUpAndConfirmAsync(app.MailPickupDirectory, ConfiguredAdmin);
        }
        for (var round = 0; round < 5; round++)
        {
            // As on a fresh database: no admin role yet (deleting it removes the grant too).
            await app.WithDbAsync(db => db.Roles.ExecuteDeleteAsync());

            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AdminGrants>().ApplyConfiguredAsync();
            }));

            Assert.Equal(1, await app.WithDbAsync(db => db.Roles.CountAsync()));
            Assert.Equal(1, await app.WithDbAsync(db => db.UserRoles.CountAsync()));
        }
    }
}
