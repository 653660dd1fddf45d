using System.Net;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Web;

public sealed class HealthTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
