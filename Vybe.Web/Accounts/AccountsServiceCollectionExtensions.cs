using Microsoft.AspNetCore.Identity;
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
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StrongPasswordValidator>()
            .AddErrorDescriber<FriendlyIdentityErrorDescriber>();

        // The security stamp is checked on every request, so a password change signs out the other sessions at once.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

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
            .ValidateOnStart();
        services.AddSingleton<PickupFolderMailTransport>();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<IMailTransport>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
                ? sp.GetRequiredService<PickupFolderMailTransport>()
                : sp.GetRequiredService<SmtpMailTransport>());
        services.AddTransient<IEmailSender<VybeUser>, AccountEmailSender>();

        return services;
    }

    /// <summary>Grants the admin role to the configured e-mail addresses.</summary>
    public static async Task GrantConfiguredAdminsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminGrants>().GrantConfiguredAsync();
    }
}
