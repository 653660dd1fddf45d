using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// The built app running as a server process of its own (<c>dotnet Vybe.Web.dll</c>), as an operator
/// runs it, on 127.0.0.1 and a port the system picks. Several of them make several instances of one
/// deployment. Disposing it stops the process.
/// </summary>
public sealed partial class AppServer : IAsyncDisposable
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromMinutes(2);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppServer(Process process) => this.process = process;

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    /// <summary>Starts the app with this configuration (environment variables) and waits until it listens.</summary>
    public static async Task<AppServer> StartAsync(IDictionary<string, string> environment)
    {
        var start = AppCommand.StartInfo([], environment);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var server = new AppServer(new Process { StartInfo = start, EnableRaisingEvents = true });
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.process.OutputDataReceived += (_, line) =>
        {
            server.Append(line.Data);
            if (line.Data is not null && ListeningLine().Match(line.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        };
        server.process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        server.process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException($"Vybe.Web exited before it listened. Its output:\n{server.Output}"));

        server.process.Start();
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            server.Address = await listening.Task.WaitAsync(StartupDeadline);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>
    /// A browser on this instance. Give browsers on several instances one cookie jar and they carry
    /// the same cookies, as a browser behind a load balancer does (cookies do not depend on the port).
    /// </summary>
    public HtmlBrowser CreateBrowser(CookieContainer cookies) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = Address,
        });

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // It never started, or exited between the check and the kill.
        }
        process.Dispose();
    }
}
