using System.Net;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Admin;

/// <summary>The app with one configured admin, and the steps the error-log tests share.</summary>
public class AdminAppFactory : VybeAppFactory
{
    public const string AdminEmail = "log.reader@example.com";

    private readonly SemaphoreSlim signUpOnce = new(1, 1);
    private bool adminExists;
    private Task? seeded;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Vybe:Admin:Emails:0"] = AdminEmail,
    };

    /// <summary>A browser logged in as the admin (the first call signs the admin up and confirms the address).</summary>
    public async Task<HtmlBrowser> AdminBrowserAsync()
    {
        var browser = CreateBrowser();
        await signUpOnce.WaitAsync();
        try
        {
            if (adminExists)
            {
                await browser.LogInAsync(AdminEmail);
            }
            else
            {
                await browser.SignUpAndConfirmAsync(MailPickupDirectory, AdminEmail);
                adminExists = true;
            }
        }
        finally
        {
            signUpOnce.Release();
        }
        return browser;
    }

    /// <summary>Runs a test class's seeding once, however many of its tests ask.</summary>
    public Task SeedOnceAsync(Func<AdminAppFactory, Task> seed) => seeded ??= seed(this);

    /// <summary>Inserts the rows as the error logger would, and returns them with their ids.</summary>
    public Task<IReadOnlyList<ErrorLogEntry>> InsertAsync(params ErrorLogEntry[] rows) => WithDbAsync<IReadOnlyList<ErrorLogEntry>>(async db =>
    {
        db.ErrorLogs.AddRange(rows);
        await db.SaveChangesAsync();
        return rows;
    });
}

public static class ErrorLogAdminSteps
{
    /// <summary>Now, to the whole second: PostgreSQL keeps microseconds, so seeded times read back exactly.</summary>
    public static DateTimeOffset WholeSecondNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public static ErrorLogEntry Row(DateTimeOffset ts, string code, string level = ErrorLogLevels.Error, string service = "web",
        string environment = "production", string? message = null, Guid? requestId = null, Guid? userId = null, string? details = null,
        string ua = "Mozilla/5.0 (test)") => new()
        {
            Ts = ts,
            Level = level,
            Service = service,
            Environment = environment,
            Code = code,
            Message = message ?? $"Something happened: {code}",
            RequestId = requestId,
            UserId = userId,
            Details = details,
            Ip = IPAddress.Parse("203.0.113.7"),
            Ua = ua,
        };

    public sealed record HtmxResponse(HttpResponseMessage Response, string Html)
    {
        public HttpStatusCode Status => Response.StatusCode;
    }

    /// <summary>A request as htmx sends it: HX-Request, and HX-Boosted for a boosted link or form.</summary>
    public static async Task<HtmxResponse> GetHtmxAsync(this HtmlBrowser browser, string url, bool boosted = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        if (boosted)
        {
            request.Headers.Add("HX-Boosted", "true");
        }
        var response = await browser.Client.SendAsync(request);
        return new HtmxResponse(response, await response.Content.ReadAsStringAsync());
    }
}
