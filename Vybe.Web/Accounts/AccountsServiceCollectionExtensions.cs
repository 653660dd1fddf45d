using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;

namespace Vybe.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public const string AdminPolicy = "Admin";
    public static readonly TimeSpan RememberMeLifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MaxFailedLogins = 5;

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<VybeUser, VybeRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // The user name is the e-mail address, which is validated as one; any character it allows is fine.
                options.User.AllowedUserNameCharacters = "";
                // Members read and keep history before they confirm their address; only the admin role waits for it (AdminGrants).
                options.SignIn.RequireConfirmedAccount = false;

                // OWASP ASVS 5.0: length and a strength estimate, no composition rules.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedLogins;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            })
            .AddEntityFrameworkStores<VybeDbContext>()
            .AddUserManager<VybeUserManager>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StrongPasswordValidator>()
            .AddErrorDescriber<FriendlyIdentityErrorDescriber>();

        // The security stamp is checked on every request, so a password change signs out the other sessions at once.
        services.AddScoped<MemberProfiles>();
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, SecurityStampCheck>());

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "vybe.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = RememberMeLifetime;
            options.SlidingExpiration = true;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            // A signed-in member who is not allowed in gets a plain 403 (rendered by the status-code page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(VybeRole.Admin));

        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section));
        services.AddScoped<AdminGrants>();

        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.From), "Vybe:Email:From is required.")
            .Validate(o => o.QueueCapacity > 0 && o.MaxAttempts > 0,
                "Vybe:Email:QueueCapacity and Vybe:Email:MaxAttempts must be positive.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero && o.ShutdownFlushTimeout >= TimeSpan.Zero,
                "Vybe:Email:RetryDelay and Vybe:Email:AttemptTimeout must be positive times such as 00:00:02, and ShutdownFlushTimeout not negative.")
            .ValidateOnStart();
        services.AddSingleton<PickupFolderMailTransport>();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<IMailTransport>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
                ? sp.GetRequiredService<PickupFolderMailTransport>()
                : sp.GetRequiredService<SmtpMailTransport>());
        services.AddSingleton<AccountEmailMessages>();

        // Account e-mails leave from a queue, so no request waits for (or fails with) the mail server.
        services.AddSingleton(sp => new AccountMailQueue(sp.GetRequiredService<IOptions<EmailOptions>>().Value.QueueCapacity));
        services.AddSingleton<AccountMail>();
        services.AddSingleton<AccountMailWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountMailWorker>());

        return services;
    }

    /// <summary>The admin role for the configured e-mail addresses that are confirmed, and not for those that are not.</summary>
    public static async Task ApplyConfiguredAdminsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminGrants>().ApplyConfiguredAsync();
    }
}
