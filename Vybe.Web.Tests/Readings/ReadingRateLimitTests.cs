using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Tests.ErrorLog;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Readings;

public sealed class ReadingRateLimitTests(ReadingRateLimitTests.SmallLimitsApp app) : IClassFixture<ReadingRateLimitTests.SmallLimitsApp>
{
    public sealed class SmallLimitsApp : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:RateLimits:ReadingsPerMemberPerMinute"] = "3",
            ["Vybe:RateLimits:ReadingsPerGuestAddressPerMinute"] = "2",
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
            ["Vybe:RateLimits:ReadingsPerAddressPerMinute"] = "3",
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

public sealed class ReadingRefusalCostTests(ReadingRefusalCostTests.OneGuestReadingApp app) : IClassFixture<ReadingRefusalCostTests.OneGuestReadingApp>
{
    public sealed class OneGuestReadingApp : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:RateLimits:ReadingsPerGuestAddressPerMinute"] = "1",
            ["Vybe:RateLimits:ReadingsPerAddressPerMinute"] = "3",
        };
    }

    [Fact]
    public async Task A_reading_refused_by_the_guest_limit_uses_none_of_the_address_allowance()
    {
        using var guest = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await guest.ReadNumberAsync("1313")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guest.ReadNumberAsync("1414")).Status);

        // The address has made one reading of its three: the refused one must not have used the other two
        // (the framework asks a refused request's limiters twice, once at once and once "waiting").
        using var member = app.CreateBrowser();
        await member.SignUpAsync(AccountSteps.NewEmail());
        Assert.Equal(HttpStatusCode.OK, (await member.ReadNumberAsync("1515")).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.ReadNumberAsync("1616")).Status);
        var refused = await member.ReadNumberAsync("1717");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.NotNull(refused.Response.Headers.RetryAfter);
        Assert.Equal(3, await app.WithDbAsync(db => db.Readings.CountAsync()));
    }
}

public sealed class ReadingAddressRefusalCostTests(ReadingAddressRefusalCostTests.TwoAddressesApp app)
    : IClassFixture<ReadingAddressRefusalCostTests.TwoAddressesApp>
{
    /// <summary>Requests can come from an address of the test's choosing (<see cref="ErrorLogAppFactory.PeerHeader"/>).</summary>
    public sealed class TwoAddressesApp : ErrorLogAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:RateLimits:ReadingsPerMemberPerMinute"] = "3",
            ["Vybe:RateLimits:ReadingsPerAddressPerMinute"] = "2",
        };
    }

    [Fact]
    public async Task A_reading_refused_by_the_address_limit_uses_none_of_the_members_allowance()
    {
        using var member = app.CreateBrowser();
        await member.SignUpAsync(AccountSteps.NewEmail());
        void ComeFrom(string address)
        {
            member.Client.DefaultRequestHeaders.Remove(ErrorLogAppFactory.PeerHeader);
            member.Client.DefaultRequestHeaders.Add(ErrorLogAppFactory.PeerHeader, address);
        }

        ComeFrom("192.0.2.10");
        Assert.Equal(HttpStatusCode.OK, (await member.ReadNumberAsync("1818")).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.ReadNumberAsync("1919")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await member.ReadNumberAsync("2020")).Status);

        // Two readings of the member's three are made: the one the address refused took nothing from the member.
        ComeFrom("192.0.2.11");
        Assert.Equal(HttpStatusCode.OK, (await member.ReadNumberAsync("2121")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await member.ReadNumberAsync("2222")).Status);
        Assert.Equal(3, await app.WithDbAsync(db => db.Readings.CountAsync()));
    }
}
