using System.Net;
using SkiaSharp;
using Vybe.Web.History;
using Vybe.Web.History.Sharing;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.History;

/// <summary>A shared reading's link card: Open Graph and Twitter tags, and the PNG they point at.</summary>
public sealed class SharePreviewTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    [Fact]
    public async Task A_shared_page_names_its_card_and_the_card_is_a_png_of_the_number_served_while_shared()
    {
        using var owner = await app.SignUpMemberAsync("card");
        var id = await owner.Browser.ReadNumberSavedAsync("1212", "standard");
        var sharePath = await ShareAsync(owner.Browser, id);

        using var stranger = app.CreateBrowser();
        var page = await stranger.GetAsync(sharePath);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        string Meta(string selector) => page.Document.QuerySelector(selector)?.GetAttribute("content")
            ?? throw new Xunit.Sdk.XunitException($"{selector} is missing from {sharePath}");
        Assert.Equal($"http://localhost{sharePath}", Meta("meta[property='og:url']"));
        Assert.StartsWith("1212: Core number 6", Meta("meta[property='og:title']"), StringComparison.Ordinal);
        Assert.Contains("Angel number 1212", Meta("meta[property='og:description']"), StringComparison.Ordinal);
        Assert.Equal("summary_large_image", Meta("meta[name='twitter:card']"));
        Assert.Equal("1200", Meta("meta[property='og:image:width']"));
        Assert.Equal("630", Meta("meta[property='og:image:height']"));
        var imageUrl = Meta("meta[property='og:image']");
        Assert.Equal(imageUrl, Meta("meta[name='twitter:image']"));
        Assert.Matches($"^http://localhost{sharePath}/preview\\.png\\?v=[0-9a-f]{{16}}$", imageUrl);
        Assert.NotNull(page.Document.QuerySelector("meta[name=robots][content=noindex]"));

        using var image = await stranger.Client.GetAsync(new Uri(imageUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.True(image.Headers.CacheControl?.Public);
        Assert.NotNull(image.Headers.ETag);
        var png = await image.Content.ReadAsByteArrayAsync();
        using (var bitmap = SKBitmap.Decode(png))
        {
            Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
            Assert.True(BrightPixels(bitmap, new SKRectI(80, 180, 1120, 370)) > 5_000, "The number is drawn large, in white, in the card's middle.");
        }

        // Revalidation costs no drawing; the same card is the same bytes.
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, new Uri(imageUrl).PathAndQuery);
        revalidate.Headers.IfNoneMatch.Add(image.Headers.ETag!);
        using var notModified = await stranger.Client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(png, await stranger.Client.GetByteArrayAsync(new Uri(imageUrl).PathAndQuery));

        var view = await owner.Browser.GetAsync($"/r/{id}");
        var ownerPreview = view.Document.QuerySelector("#share-panel .share-preview img");
        Assert.Equal(new Uri(imageUrl).PathAndQuery, ownerPreview?.GetAttribute("src"));
        Assert.StartsWith("The card the link shows in chats: 1212", ownerPreview?.GetAttribute("alt"), StringComparison.Ordinal);

        await owner.Browser.SubmitAsync(view, formSelector: "#share-panel form");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(new Uri(imageUrl).PathAndQuery)).StatusCode);
        using var revalidateRevoked = new HttpRequestMessage(HttpMethod.Get, new Uri(imageUrl).PathAndQuery);
        revalidateRevoked.Headers.IfNoneMatch.Add(image.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.SendAsync(revalidateRevoked)).StatusCode);
    }

    [Fact]
    public async Task Each_reading_has_its_own_card_and_a_comparison_card_names_both_numbers()
    {
        using var owner = await app.SignUpMemberAsync("cards");
        var first = await ShareAsync(owner.Browser, await owner.Browser.ReadNumberSavedAsync("317"));
        var second = await ShareAsync(owner.Browser, await owner.Browser.ReadNumberSavedAsync("444"));
        var compared = await owner.Browser.CompareAsync("317", "444");
        var comparison = await ShareAsync(owner.Browser, compared.SavedReadingId());

        using var stranger = app.CreateBrowser();
        var cards = new List<byte[]>();
        foreach (var path in new[] { first, second, comparison })
        {
            var page = await stranger.GetAsync(path);
            var imageUrl = new Uri(page.Document.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!);
            cards.Add(await stranger.Client.GetByteArrayAsync(imageUrl.PathAndQuery));
            if (path == comparison)
            {
                Assert.StartsWith("317 & 444: Together", page.Document.QuerySelector("meta[property='og:title']")?.GetAttribute("content"), StringComparison.Ordinal);
            }
        }
        Assert.Equal(3, cards.Select(Convert.ToBase64String).Distinct().Count());
    }

    [Theory]
    [InlineData("/s/not-a-token/preview.png")]
    [InlineData("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/preview.png")]
    public async Task A_card_for_a_link_that_was_never_shared_is_not_found(string path)
    {
        using var stranger = app.CreateBrowser();
        using var response = await stranger.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void A_long_input_still_fits_the_card()
    {
        using var images = new SharePreviewImages();
        var preview = new SharePreview(new string('7', 200), "Core number 5 · The Adventurer", "Number · Deep reading");
        using var bitmap = SKBitmap.Decode(images.RenderPng(preview));
        // Nothing is drawn in the right margin: the number shrank, then was cut with an ellipsis.
        Assert.Equal(0, BrightPixels(bitmap, new SKRectI(1125, 150, 1200, 380)));
    }

    private static async Task<string> ShareAsync(HtmlBrowser browser, Guid id)
    {
        var view = await browser.GetAsync($"/r/{id}");
        var shared = await browser.SubmitAsync(view, formSelector: "#share-panel form");
        var link = shared.Document.QuerySelector("#share-url")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"Sharing {id} gave no link: {shared.Text}");
        return new Uri(link).AbsolutePath;
    }

    private static int BrightPixels(SKBitmap bitmap, SKRectI area)
    {
        var count = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red > 230 && pixel.Green > 230 && pixel.Blue > 230)
                {
                    count++;
                }
            }
        }
        return count;
    }
}
