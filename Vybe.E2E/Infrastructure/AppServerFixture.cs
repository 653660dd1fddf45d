using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Playwright;
using Npgsql;
using Vybe.TestSupport;

namespace Vybe.E2E.Infrastructure;

/// <summary>All end-to-end test classes share one running app and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class AppServerCollection : ICollectionFixture<AppServerFixture>
{
    public const string Name = "Vybe.Web on PostgreSQL in Chromium";
}

/// <summary>
/// Runs the built Vybe.Web app the way an operator does (<c>dotnet Vybe.Web.dll</c>) on a fresh
/// PostgreSQL database and on a free loopback port, and launches Debian's Chromium through
/// Playwright to drive it. Everything it creates (database, process, browser, temp folder) is
/// removed on dispose.
/// </summary>
public sealed class AppServerFixture : IAsyncLifetime
{
    /// <summary>The server the test command (./test.sh) starts; each test project creates its own databases on it.</summary>
    public const string PostgresVariable = "VYBE_TEST_POSTGRES";

    /// <summary>Signing up with this address and confirming it makes an admin (the app is configured so).</summary>
    public const string AdminEmail = "admin.e2e@example.com";

    public const string AdminPassword = "admin lantern quartz 3301";

    /// <summary>Debian's chromium package. Playwright cannot download browsers here, so it drives this one.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly StringBuilder serverOutput = new();
    private readonly SemaphoreSlim adminAccountGate = new(1, 1);
    private bool adminAccountExists;
    private string? adminConnectionString;
    private string? databaseName;
    private string? emailPickupDirectory;
    private string? baseUrl;
    private Process? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl => baseUrl ?? throw NotStarted();

    public IBrowser Browser => browser ?? throw NotStarted();

    /// <summary>The folder the app writes its e-mails to (as .eml files) instead of sending them.</summary>
    public string EmailPickupDirectory => emailPickupDirectory ?? throw NotStarted();

    /// <summary>The app's own database, for tests that check what it stored (no pooling: tests open few connections).</summary>
    public string DatabaseConnectionString =>
        new NpgsqlConnectionStringBuilder(adminConnectionString ?? throw NotStarted()) { Database = databaseName, Pooling = false }.ConnectionString;

    /// <summary>Everything the app printed so far; include it in failure messages.</summary>
    public string ServerOutput
    {
        get
        {
            lock (serverOutput)
            {
                return serverOutput.ToString();
            }
        }
    }

    /// <summary>
    /// A page in a new browser context of its own (fresh cookies and storage) whose relative URLs
    /// resolve against <see cref="BaseUrl"/>. Close <c>page.Context</c> when done; the browser
    /// closes any context left open.
    /// </summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= BaseUrl;
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        var context = await Browser.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A page of its own, logged in as the admin. The first call signs the admin up through the
    /// signup form and confirms the address with the link the app mailed (the app makes that
    /// address an admin once it is confirmed); later calls log in.
    /// </summary>
    public async Task<IPage> NewAdminPageAsync()
    {
        var page = await NewPageAsync();
        await adminAccountGate.WaitAsync();
        try
        {
            if (adminAccountExists)
            {
                await AccountSteps.LogInAsync(page, AdminEmail, AdminPassword);
            }
            else
            {
                await AccountSteps.SignUpAsync(page, AdminEmail, AdminPassword);
                await AccountSteps.ConfirmEmailAsync(page, EmailPickupDirectory, AdminEmail);
                adminAccountExists = true;
            }
        }
        finally
        {
            adminAccountGate.Release();
        }
        await Assertions.Expect(AccountSteps.MainNavigationLink(page, "Admin")).ToBeVisibleAsync();
        return page;
    }

    public async Task InitializeAsync()
    {
        try
        {
            await CreateDatabaseAsync();
            StartApp();
            await WaitUntilHealthyAsync();
            await LaunchBrowserAsync();
        }
        catch
        {
            // Leave nothing behind when start-up fails half-way.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            browser = null;
        }
        playwright?.Dispose();
        playwright = null;

        StopApp();
        await DropDatabaseAsync();

        if (emailPickupDirectory is not null && Directory.Exists(emailPickupDirectory))
        {
            Directory.Delete(emailPickupDirectory, recursive: true);
        }
        emailPickupDirectory = null;
    }

    private async Task CreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the end-to-end tests through ./test.sh at the repository root: " +
                "it starts a throwaway PostgreSQL cluster and sets that variable to its connection string.");
        }

        // No pooling for the fixture's own administrative connections: an idle pooled connection is
        // just one more thing to tidy up, and there are only two of them.
        adminConnectionString = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
        databaseName = $"vybe_e2e_{Guid.NewGuid():N}"[..24];

        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private async Task DropDatabaseAsync()
    {
        if (adminConnectionString is null || databaseName is null)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        // FORCE: a connection the app left behind must not keep the database alive.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        databaseName = null;
    }

    /// <summary>The release the fixture's app reports on its error-log rows; <see cref="StartInstanceAsync"/> plays others.</summary>
    public const string Release = "e2e-1";

    private void StartApp()
    {
        baseUrl = $"http://127.0.0.1:{FreeLoopbackPort()}";
        emailPickupDirectory = Directory.CreateTempSubdirectory("vybe-e2e-mail-").FullName;
        app = StartProcess(baseUrl, Release);
    }

    /// <summary>
    /// A second instance of the app on the same database and pickup folder, reporting
    /// <paramref name="release"/>: what an operator's next deployment is. Dispose it to stop it.
    /// </summary>
    public async Task<AppInstance> StartInstanceAsync(string release)
    {
        var url = $"http://127.0.0.1:{FreeLoopbackPort()}";
        var instance = new AppInstance(url, StartProcess(url, release));
        try
        {
            await WaitUntilHealthyAsync(instance.Process, url);
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
        return instance;
    }

    private Process StartProcess(string url, string release)
    {
        var appDll = FindBuiltApp();
        var appConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = databaseName, Pooling = true }.ConnectionString;

        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            // The Vybe.Web project folder is the content root, so wwwroot and appsettings.json are found
            // there just as in a plain `dotnet run`.
            WorkingDirectory = RepositoryPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { appDll, "--urls", url, "--contentRoot", RepositoryPaths.WebProject })
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        startInfo.Environment["Vybe__Database__Provider"] = "postgres";
        startInfo.Environment["ConnectionStrings__Vybe"] = appConnectionString;
        startInfo.Environment["Vybe__Email__PickupDirectory"] = emailPickupDirectory;
        startInfo.Environment["Vybe__Admin__Emails__0"] = AdminEmail;
        startInfo.Environment["Vybe__Release"] = release;
        // Every journey signs up or logs in from 127.0.0.1 within a few minutes: more than the
        // per-address limits allow a real visitor (the rate-limit tests cover those).
        // The same for every other per-address limit: how many readings, uploads and browser reports
        // the journeys make in a minute depends on how fast the machine runs them, so no journey may
        // meet a limit by chance.
        foreach (var limit in new[]
        {
            "Vybe__RateLimits__SignupPerMinute", "Vybe__RateLimits__LoginPerMinute",
            "Vybe__RateLimits__AccountRecoveryPerMinute", "Vybe__RateLimits__UploadsPerMinute",
            "Vybe__RateLimits__ReadingsPerMemberPerMinute", "Vybe__RateLimits__ReadingsPerGuestAddressPerMinute", "Vybe__RateLimits__ReadingsPerAddressPerMinute",
            "Vybe__RateLimits__ClientErrorsPerMinute", "Vybe__RateLimits__WebVitalsReportsPerMinute",
        })
        {
            startInfo.Environment[limit] = "1000";
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => AppendServerOutput(line.Data);
        process.ErrorDataReceived += (_, line) => AppendServerOutput(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void StopApp()
    {
        Stop(app);
        app = null;
    }

    internal static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to stop.
        }
        process.Dispose();
    }

    private Task WaitUntilHealthyAsync() => WaitUntilHealthyAsync(app!, BaseUrl);

    private async Task WaitUntilHealthyAsync(Process process, string url)
    {
        using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var healthUrl = $"{url}/healthz";
        var waited = Stopwatch.StartNew();
        var lastOutcome = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                // Waiting again drains the redirected output, so the message shows the app's last words.
                await process.WaitForExitAsync();
                throw new InvalidOperationException(
                    $"Vybe.Web exited with code {process.ExitCode} before {healthUrl} answered. Its output:\n{ServerOutput}");
            }
            try
            {
                using var response = await http.GetAsync(healthUrl);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                lastOutcome = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                lastOutcome = exception.Message;
            }
            catch (TaskCanceledException)
            {
                lastOutcome = "the request timed out";
            }

            if (waited.Elapsed > StartupDeadline)
            {
                throw new TimeoutException(
                    $"{healthUrl} did not answer 200 within {StartupDeadline.TotalSeconds:0} s (last: {lastOutcome}). Vybe.Web's output:\n{ServerOutput}");
            }
            await Task.Delay(HealthPollInterval);
        }
    }

    private async Task LaunchBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. Install Debian's chromium package (./test.sh does).");
        }
        // Expectations wait for a state; Playwright's 5 s default is a guess about speed that a
        // machine with both cores busy (CI runs builds beside tests) can miss on a first request.
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                // Root in a container has no user namespaces for the sandbox.
                "--no-sandbox",
                "--disable-gpu",
                // No calls home: the machine may have no route out, and tests must not depend on one.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    /// <summary>
    /// The app's build output for the configuration this test assembly was built in (./test.sh
    /// builds the whole solution in Release; an IDE builds Debug).
    /// </summary>
    private static string FindBuiltApp()
    {
        var configuration = typeof(AppServerFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
            ?? throw new InvalidOperationException("The test assembly does not say which configuration built it.");
        var appDll = Path.Combine(RepositoryPaths.WebProject, "bin", configuration, "net10.0", "Vybe.Web.dll");
        if (!File.Exists(appDll))
        {
            throw new InvalidOperationException(
                $"{appDll} does not exist. Build the solution first (dotnet build Vybe.sln -c {configuration}); ./test.sh does.");
        }
        return appDll;
    }

    /// <summary>The dotnet host running these tests (the SDK sets DOTNET_HOST_PATH for its children), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void AppendServerOutput(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (serverOutput)
        {
            serverOutput.AppendLine(line);
        }
    }

    private static InvalidOperationException NotStarted() =>
        new("The app server fixture has not started (or has already stopped).");
}

/// <summary>Another running instance of the app (<see cref="AppServerFixture.StartInstanceAsync"/>); disposing it stops it.</summary>
public sealed class AppInstance(string baseUrl, Process process) : IAsyncDisposable
{
    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41235</c>.</summary>
    public string BaseUrl { get; } = baseUrl;

    internal Process Process { get; } = process;

    public ValueTask DisposeAsync()
    {
        AppServerFixture.Stop(Process);
        return ValueTask.CompletedTask;
    }
}
