using System.Text.Json.Nodes;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Tests.ErrorLog;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Values_of_secret_looking_keys_are_redacted_at_any_depth()
    {
        var details = JsonNode.Parse("""
            {
              "password": "hunter2hunter2",
              "user": "ana",
              "headers": { "Authorization": "Bearer abc", "Cookie": "vybe.auth=xyz", "Accept": "text/html" },
              "attempts": [ { "apiKey": "sk-live-123", "status": 500 } ],
              "query": { "code": "CfDJ8", "resetToken": "t0k3n", "page": "2" },
              "clientSecret": "s3cr3t"
            }
            """);

        var json = SecretRedactor.Redact(details)!.ToJsonString();

        foreach (var secret in new[] { "CfDJ8", "hunter2hunter2", "Bearer abc", "vybe.auth=xyz", "sk-live-123", "t0k3n", "s3cr3t" })
        {
            Assert.DoesNotContain(secret, json);
        }
        Assert.Contains("\"user\":\"ana\"", json);
        Assert.Contains("\"Accept\":\"text/html\"", json);
        Assert.Contains("\"status\":500", json);
        Assert.Contains("\"page\":\"2\"", json);
    }
}
