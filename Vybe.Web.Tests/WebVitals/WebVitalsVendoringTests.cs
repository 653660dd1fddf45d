using System.Text.Json;
using Vybe.TestSupport;

namespace Vybe.Web.Tests.WebVitals;

public sealed class WebVitalsVendoringTests
{
    [Fact]
    public void Vendored_web_vitals_is_the_pinned_npm_package_copy()
    {
        var vendored = Path.Combine(RepositoryPaths.Root, "Vybe.Web", "wwwroot", "lib", "web-vitals", "web-vitals.iife.js");
        var fromNpm = Path.Combine(RepositoryPaths.Root, "node_modules", "web-vitals", "dist", "web-vitals.iife.js");
        Assert.True(File.Exists(fromNpm), "node_modules is missing: run npm ci (./test.sh does)");

        Assert.Equal(File.ReadAllBytes(fromNpm), File.ReadAllBytes(vendored));
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "package.json")));
        var pinned = package.RootElement.GetProperty("dependencies").GetProperty("web-vitals").GetString()!;
        Assert.Matches(@"^\d+\.\d+\.\d+$", pinned); // an exact version, no range
        using var installed = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "node_modules", "web-vitals", "package.json")));
        Assert.Equal(pinned, installed.RootElement.GetProperty("version").GetString());
    }
}
