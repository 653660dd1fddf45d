using System.Net;
using Vybe.Web.Tests.ErrorLog;
using Vybe.Web.Tests.Infrastructure;
using static Vybe.Web.Tests.WebVitals.WebVitalsSteps;

namespace Vybe.Web.Tests.WebVitals;

/// <summary>With <c>Sentry:Dsn</c> set, poor values also reach Sentry, tagged with the page, the metric and the page view's request id.</summary>
[Collection(SentryCollection.Name)]
public sealed class WebVitalsSentryTests(SentryApp sentry)
{
    [Fact]
    public async Task Poor_value_is_sent_to_sentry_tagged_with_page_metric_and_request_id_and_good_values_are_not()
    {
        var requestId = Guid.NewGuid().ToString();

        var response = await sentry.App.PostReportAsync(Report("/r/{id}", Guid.Parse(requestId), ("FCP", 400), ("LCP", 5250), ("CLS", 0.01)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var envelope = await sentry.Receiver.EnvelopeContainingAsync(requestId);
        Assert.Contains("Poor LCP on /r/{id}: 5.25 s", envelope);
        Assert.Contains("\"web_vital\":\"LCP\"", envelope);
        Assert.Contains("\"page\":\"/r/{id}\"", envelope);
        Assert.Contains("\"request_id\":\"" + requestId + "\"", envelope);
        Assert.Contains("\"level\":\"warning\"", envelope);
        Assert.Contains("5250", envelope);
        // Events leave in the order they were captured (FCP, LCP, CLS): a good FCP sent by mistake would be in already.
        // Other test classes' apps share the process-wide SDK, so only this page view's envelopes count.
        var thisPageView = sentry.Receiver.Envelopes.Where(e => e.Contains(requestId, StringComparison.Ordinal)).ToList();
        Assert.Equal(envelope, Assert.Single(thisPageView));
        Assert.DoesNotContain("Poor FCP", envelope);
    }
}
