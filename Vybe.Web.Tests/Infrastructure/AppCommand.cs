using System.Diagnostics;
using Vybe.TestSupport;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>Runs the built app's maintenance commands (<c>dotnet Vybe.Web.dll migrate</c> …) as an operator would.</summary>
public static class AppCommand
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary><c>dotnet Vybe.Web.dll ARGUMENTS</c> in the project folder (the content root), in the Test environment plus <paramref name="environment"/>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "Vybe.Web"),
        };
        start.ArgumentList.Add(RepositoryPaths.WebAppDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        using var process = Process.Start(StartInfo(arguments, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output + await errors);
    }

    /// <summary>Starts the app as a server and returns what it printed until a line containing <paramref name="waitFor"/>; then stops it.</summary>
    public static async Task<string> StartUntilAsync(string waitFor, IDictionary<string, string> environment)
    {
        var start = StartInfo([], environment);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.Contains(waitFor, StringComparison.Ordinal))
                {
                    // The message of a structured log line is on the next line.
                    output.AppendLine(await process.StandardOutput.ReadLineAsync(timeout.Token));
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return output.ToString();
    }

    public static Dictionary<string, string> PostgresEnvironment(string connectionString) => new()
    {
        ["Vybe__Database__Provider"] = "postgres",
        ["ConnectionStrings__Vybe"] = connectionString,
    };
}
