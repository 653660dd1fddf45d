using System.Diagnostics;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>Runs the built app's maintenance commands (<c>dotnet Vybe.Web.dll migrate</c> …) as an operator would.</summary>
public static class AppCommand
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IDictionary<string, string> environment)
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

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output + await errors);
    }

    public static Dictionary<string, string> PostgresEnvironment(string connectionString) => new()
    {
        ["Vybe__Database__Provider"] = "postgres",
        ["ConnectionStrings__Vybe"] = connectionString,
    };
}
