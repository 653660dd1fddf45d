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

    [Theory]
    [InlineData("/Account/ResetPassword?userId=7f1c&code=CfDJ8abc-_", "/Account/ResetPassword?userId=7f1c&code=[redacted]")]
    [InlineData("https://vybe.example/Account/ConfirmEmail?code=Q2ZESjg&userId=1#top", "https://vybe.example/Account/ConfirmEmail?code=[redacted]&userId=1#top")]
    [InlineData("/x?access_token=abc&apiKey=k&Password=p&page=2", "/x?access_token=[redacted]&apiKey=[redacted]&Password=[redacted]&page=2")]
    [InlineData("/x?co%64e=abc&status=500&statusCode=404", "/x?co%64e=[redacted]&status=500&statusCode=404")]
    [InlineData("/x?code=", "/x?code=")]
    [InlineData("/callback#access_token=abc&state=s", "/callback#access_token=[redacted]&state=s")]
    [InlineData("<a href=\"/r?x=1&amp;code=abc\">", "<a href=\"/r?x=1&amp;code=[redacted]\">")]
    [InlineData("GET http://h/test/throw?code=abc - - -", "GET http://h/test/throw?code=[redacted] - - -")]
    // A query string on its own (Request.QueryString), and two secrets in one URL.
    [InlineData("?code=abc", "?code=[redacted]")]
    [InlineData("/x?code=a&token=b", "/x?code=[redacted]&token=[redacted]")]
    [InlineData("/x?code=[redacted]&token=b", "/x?code=[redacted]&token=[redacted]")]
    // The short secret names count only on their own.
    [InlineData("/x?otp=1&pin=2&sig=3&spin=4&opt=5&design=6", "/x?otp=[redacted]&pin=[redacted]&sig=[redacted]&spin=4&opt=5&design=6")]
    [InlineData("/x?OTP=1&Pin=2", "/x?OTP=[redacted]&Pin=[redacted]")]
    // An invalid escape in a key or a value is read as it stands.
    [InlineData("/x?co%zzde=abc&token=%zz", "/x?co%zzde=abc&token=[redacted]")]
    public void Secret_query_values_are_redacted_in_a_url(string url, string expected) =>
        Assert.Equal(expected, SecretRedactor.RedactUrls(url));

    [Fact]
    public void Every_url_in_a_text_is_redacted_and_a_url_inside_a_value_too()
    {
        var text = "htmx request failed: 500 /Account/ResetPassword?code=AAA\n"
            + "    at send (https://h/js/app.js?token=BBB:1:2)\n"
            + "from /Account/Login?returnUrl=%2FAccount%2FResetPassword%3FuserId%3D1%26code%3DCCC&x=1";

        var redacted = SecretRedactor.RedactUrls(text);

        foreach (var secret in new[] { "AAA", "BBB", "CCC" })
        {
            Assert.DoesNotContain(secret, redacted);
        }
        Assert.Contains("?code=[redacted]", redacted);
        Assert.Contains("returnUrl=" + Uri.EscapeDataString("/Account/ResetPassword?userId=1&code=[redacted]") + "&x=1", redacted);
    }

    [Fact]
    public void A_url_two_levels_deep_in_return_urls_is_redacted_and_one_behind_an_encoded_fragment_too()
    {
        var inner = "/Account/ResetPassword?userId=1&code=SECRET";
        var middle = "/Account/Login?returnUrl=" + Uri.EscapeDataString(inner);
        var text = "/Account/Confirm?next=" + Uri.EscapeDataString(middle) + "&x=1";
        var fragment = "/x?next=%2Fcallback%23access_token=SECRET";

        var redacted = SecretRedactor.RedactUrls(text);

        Assert.DoesNotContain("SECRET", Uri.UnescapeDataString(Uri.UnescapeDataString(redacted)));
        Assert.Equal("/Account/Confirm?next=" + Uri.EscapeDataString("/Account/Login?returnUrl=" + Uri.EscapeDataString("/Account/ResetPassword?userId=1&code=[redacted]")) + "&x=1", redacted);
        Assert.Equal("/x?next=" + Uri.EscapeDataString("/callback#access_token=[redacted]"), SecretRedactor.RedactUrls(fragment));
    }

    [Fact]
    public void A_json_text_without_secrets_is_the_same_node_afterwards()
    {
        var value = JsonValue.Create("/History?page=2");

        Assert.Same(value, SecretRedactor.Redact(value));
    }

    [Theory]
    [InlineData("?code=[redacted]")]
    [InlineData("TypeError: x is undefined")]
    [InlineData("/History?page=2&kind=time")]
    [InlineData("a & b; c # d ? e")]
    public void A_text_without_secret_query_values_comes_back_as_it_was(string text) =>
        Assert.Same(text, SecretRedactor.RedactUrls(text));

    [Fact]
    public void Urls_in_the_text_values_of_a_json_document_are_redacted()
    {
        var details = JsonNode.Parse("""{"page": "/Account/ResetPassword?code=CfDJ8", "nested": ["/x?token=t&y=1"], "n": 3}""");

        var json = SecretRedactor.Redact(details)!.ToJsonString();

        Assert.DoesNotContain("CfDJ8", json);
        Assert.Contains("/Account/ResetPassword?code=[redacted]", json);
        Assert.Contains("/x?token=[redacted]\\u0026y=1", json);
        Assert.Contains("\"n\":3", json);
    }
}
