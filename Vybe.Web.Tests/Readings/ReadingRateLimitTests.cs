using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Readings;

public sealed class ReadingRateLimitTests(ReadingRateLimitTests.SmallLimitsApp app) : IClassFixture<ReadingRateLimitTests.SmallLimitsApp>
{
    public sealed class SmallLimitsApp : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:Readings:PerMemberPerMinute"] = "3",
            ["Vybe:Readings:PerGuestAddressPerMinute"] = "2",
        };
    }

    [Fact]
    public async Task Readings_over_the_limit_get_429_with_retry_after_and_a_friendly_message()
    {
        using var guest = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await guest.ReadTimeAsync("11:11")).Status);
        Assert.Equal(HttpStatusCode.OK, (await guest.ReadTimeAsync("12:21")).Status);
        var readingsBefore = await app.WithDbAsync(db => db.Readings.CountAsync());

        var plain = await guest.ReadTimeAsync("10:01");
        var htmx = await guest.ReadTimeAsync("10:01", htmx: true);

        Assert.Equal(HttpStatusCode.TooManyRequests, plain.Status);
        Assert.True(plain.Response.Headers.RetryAfter?.Delta?.TotalSeconds is > 0 and <= 60);
        Assert.Contains("Please wait", plain.Text);
        Assert.Equal(HttpStatusCode.TooManyRequests, htmx.Status);
        Assert.NotNull(htmx.Response.Headers.RetryAfter);
        Assert.NotNull(htmx.Document.QuerySelector("p.alert-error[role='alert']"));
        Assert.Null(htmx.Document.QuerySelector("header.site-header"));
        Assert.Equal(readingsBefore, await app.WithDbAsync(db => db.Readings.CountAsync()));

        // The reading pages themselves are never limited.
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync("/")).Status);
    }
}

/// <summary>A class of its own (and so an app of its own): it uses up the guests' allowance.</summary>
public sealed class ReadingMemberLimitTests(ReadingRateLimitTests.SmallLimitsApp app) : IClassFixture<ReadingRateLimitTests.SmallLimitsApp>
{
    [Fact]
    public async Task A_member_is_limited_per_account_not_with_the_guests_of_the_same_address()
    {
        using var guest = app.CreateBrowser();
        while ((await guest.ReadNumberAsync("1")).Status == HttpStatusCode.OK)
        {
        }

        using var member = app.CreateBrowser();
        await member.SignUpAsync(AccountSteps.NewEmail());
        Assert.Equal(HttpStatusCode.OK, (await member.ReadNumberAsync("444")).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.CompareAsync("555", "11:11")).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.ReadTimeAsync("6:06 pm")).Status);
        var refused = await member.ReadNumberAsync("777");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.NotNull(refused.Response.Headers.RetryAfter);
    }
}

public sealed class ReadingAddressLimitTests(ReadingAddressLimitTests.AddressLimitApp app) : IClassFixture<ReadingAddressLimitTests.AddressLimitApp>
{
    public sealed class AddressLimitApp : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:Readings:PerAddressPerMinute"] = "3",
        };
    }

    [Fact]
    public async Task Many_accounts_from_one_address_share_the_per_address_limit()
    {
        using var first = app.CreateBrowser();
        using var second = app.CreateBrowser();
        await first.SignUpAsync(AccountSteps.NewEmail());
        await second.SignUpAsync(AccountSteps.NewEmail());

        Assert.Equal(HttpStatusCode.OK, (await first.ReadNumberAsync("888")).Status);
        Assert.Equal(HttpStatusCode.OK, (await first.ReadNumberAsync("999")).Status);
        Assert.Equal(HttpStatusCode.OK, (await second.ReadNumberAsync("1010")).Status);
        var refused = await second.ReadNumberAsync("1212");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.NotNull(refused.Response.Headers.RetryAfter);
        Assert.Equal(3, await app.WithDbAsync(db => db.Readings.CountAsync()));
    }
}
