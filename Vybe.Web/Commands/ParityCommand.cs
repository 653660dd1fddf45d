using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Vybe.Web.Operations;

namespace Vybe.Web.Commands;

/// <summary>
/// <c>dotnet Vybe.Web.dll parity URL_A URL_B</c>: reads <c>/ops/info</c> from two deployments (or two
/// instances) and prints how they differ. Exit code 0 when they match, 1 when they differ, 2 when
/// either cannot be read. It needs no database: everything comes over HTTP.
/// </summary>
public static class ParityCommand
{
    public const string Name = "parity";

    /// <summary>The bearer token for both sides; <c>VYBE_OPS_TOKEN_A</c> and <c>_B</c> override it per side, and without any the app's own <c>Vybe:Ops:InfoToken</c> is used.</summary>
    public const string TokenVariable = "VYBE_OPS_TOKEN";

    public const int Same = 0;
    public const int Different = 1;
    public const int Failed = 2;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 2)
        {
            Console.Error.WriteLine("Usage: dotnet Vybe.Web.dll parity URL_A URL_B   (e.g. https://staging.vybe.example https://vybe.example)");
            return Failed;
        }

        using var http = new HttpClient { Timeout = RequestTimeout };
        DeploymentInfo a, b;
        try
        {
            a = await FetchAsync(http, arguments[0], TokenFor(configuration, "A"));
            b = await FetchAsync(http, arguments[1], TokenFor(configuration, "B"));
        }
        catch (ParityException problem)
        {
            Console.Error.WriteLine(problem.Message);
            return Failed;
        }

        Console.WriteLine($"A: {arguments[0]} (version {a.Version}, {a.Environment}, instance {a.Instance})");
        Console.WriteLine($"B: {arguments[1]} (version {b.Version}, {b.Environment}, instance {b.Instance})");
        var differences = DeploymentComparison.Differences(a, b);
        if (differences.Count == 0)
        {
            Console.WriteLine($"No differences: the same version, environment, migrations, secrets and settings (fingerprint {a.SettingsFingerprint}).");
            return Same;
        }
        Console.WriteLine($"{differences.Count} difference(s):");
        foreach (var difference in differences)
        {
            Console.WriteLine($"  {difference}");
        }
        return Different;
    }

    private static string? TokenFor(IConfiguration configuration, string side) =>
        new[] { configuration[$"{TokenVariable}_{side}"], configuration[TokenVariable], configuration[$"{OpsOptions.Section}:InfoToken"] }
            .FirstOrDefault(token => !string.IsNullOrEmpty(token));

    /// <summary>The /ops/info address of a deployment: its base URL with /ops/info added, unless it already ends so.</summary>
    public static Uri InfoUrl(string deployment)
    {
        if (!Uri.TryCreate(deployment, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ParityException($"{deployment} is not an http or https address.");
        }
        if (url.AbsolutePath.TrimEnd('/').EndsWith(OpsInfoEndpoint.Path, StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }
        var withSlash = url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
        return new Uri(withSlash, OpsInfoEndpoint.Path.TrimStart('/'));
    }

    private static async Task<DeploymentInfo> FetchAsync(HttpClient http, string deployment, string? token)
    {
        var url = InfoUrl(deployment);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException problem)
        {
            throw new ParityException($"Could not reach {url}: {problem.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new ParityException($"{url} did not answer within {RequestTimeout.TotalSeconds:0} seconds.");
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    break;
                case HttpStatusCode.Unauthorized:
                    throw new ParityException(
                        $"{url} refused the token (401). Set {TokenVariable} (or {TokenVariable}_A / _B) to that deployment's Vybe:Ops:InfoToken.");
                case HttpStatusCode.NotFound:
                    throw new ParityException(
                        $"{url} answered 404: {(token is null ? $"no token was sent (set {TokenVariable}), " : "")}the address is wrong, or that version has no /ops/info.");
                default:
                    throw new ParityException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            try
            {
                return await response.Content.ReadFromJsonAsync<DeploymentInfo>(OpsInfoEndpoint.Json)
                    ?? throw new ParityException($"{url} answered with an empty body.");
            }
            catch (JsonException)
            {
                throw new ParityException($"{url} did not answer with deployment information (is it a Vybe app?).");
            }
        }
    }

    private sealed class ParityException(string message) : Exception(message);
}
