using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Readings;

/// <summary>
/// The model's prose is text from outside: a U+0000 in it (which PostgreSQL's jsonb refuses, even
/// as the escape) must not cost the visitor the reading or its place in history.
/// </summary>
public sealed class WriterTextStorageTests(OpenAiAppFactory app) : IClassFixture<OpenAiAppFactory>
{
    [Fact]
    public async Task A_model_reading_with_nul_in_its_prose_is_shown_and_saved_with_a_replacement_character()
    {
        app.OpenAi.ResetCounts();
        app.OpenAi.Script(FakeOpenAiServer.Reading(("", "11:11 comes down to 4,\0 and the model wrote this.", [])));
        using var browser = app.CreateBrowser();

        var page = await browser.ReadTimeAsync("11:11", "lite");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("the model wrote this", page.Document.QuerySelector("article.reading")?.TextContent);
        var saved = await app.WithDbAsync(db => db.Readings.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal("openai:gpt-test", saved.Writer);
        var body = JsonDocument.Parse(saved.Sections).RootElement[0].GetProperty("body").GetString();
        Assert.Equal($"11:11 comes down to 4,{StoredText.Replacement} and the model wrote this.", body);
    }
}
