using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.History;
using Vybe.Web.Readings;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.History;

/// <summary>A signed-in member's browser, with the account's id for looking at its rows.</summary>
public sealed record Member(HtmlBrowser Browser, string Email, Guid Id) : IDisposable
{
    public HistoryOwner Owner => HistoryOwner.Member(Id);

    public void Dispose() => Browser.Dispose();
}

/// <summary>The steps the history tests share: members, seeded rows, and reading ids off pages.</summary>
public static class HistorySteps
{
    /// <summary>Signs a new member up through the real form, in a browser of their own.</summary>
    public static async Task<Member> SignUpMemberAsync(this VybeAppFactory app, string who = "member", HtmlBrowser? browser = null)
    {
        browser ??= app.CreateBrowser();
        var email = AccountSteps.NewEmail(who);
        await browser.SignUpAsync(email);
        return new Member(browser, email, await app.UserIdAsync(email));
    }

    public static Task<Guid> UserIdAsync(this VybeAppFactory app, string email) => app.WithDbAsync(db =>
        db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync());

    public static DateTimeOffset Now(this VybeAppFactory app)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        // PostgreSQL keeps microseconds; whole seconds read back exactly.
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>A reading as the reading service would store it: the engine's facts and the built-in writer's sections.</summary>
    public static async Task<StoredReading> ReadingOfAsync(string digits, DateTimeOffset createdAt, ReadingDepth depth = ReadingDepth.Standard,
        string? rawInput = null)
    {
        if (!NumberInput.TryParse(digits, out var number, out var error))
        {
            throw new ArgumentException(error, nameof(digits));
        }
        var facts = NumerologyEngine.Read(number.ToSubject());
        var written = await new BuiltInReadingWriter().WriteAsync(facts, depth, CancellationToken.None);
        return new StoredReading
        {
            Id = Guid.NewGuid(),
            Kind = ReadingKind.Number.Key(),
            RawInput = rawInput ?? digits,
            NormalizedInput = facts.Input,
            Depth = depth.Key(),
            Numbers = ReadingJson.Serialize(facts),
            Writer = written.Writer,
            Sections = ReadingJson.Serialize(written.Sections),
            WriterNote = written.Note,
            CreatedAt = createdAt,
            SeenAt = createdAt,
        };
    }

    /// <summary>
    /// Inserts <paramref name="count"/> readings for the owner straight into the database, one a minute,
    /// the newest at <paramref name="newest"/>. Returns their ids oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> SeedAsync(this VybeAppFactory app, HistoryOwner owner, int count, DateTimeOffset newest)
    {
        var rows = new List<StoredReading>();
        for (var i = 0; i < count; i++)
        {
            var row = await ReadingOfAsync((100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                newest.AddMinutes(i - (count - 1)), ReadingDepths.All[i % ReadingDepths.All.Count]);
            row.UserId = owner.UserId;
            row.GuestId = owner.GuestId;
            rows.Add(row);
        }
        await app.InsertAsync(rows.ToArray());
        return rows.Select(r => r.Id).ToList();
    }

    public static Task<int> InsertAsync(this VybeAppFactory app, params StoredReading[] rows) => app.WithDbAsync(db =>
    {
        db.Readings.AddRange(rows);
        return db.SaveChangesAsync();
    });

    /// <summary>A member's reading ids in the database, newest first.</summary>
    public static Task<List<Guid>> MemberReadingIdsAsync(this VybeAppFactory app, Guid userId) => app.WithDbAsync(db =>
        db.Readings.Where(r => r.UserId == userId).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToListAsync());

    /// <summary>A guest's reading ids in the database (whatever their age), newest first.</summary>
    public static Task<List<Guid>> GuestReadingIdsAsync(this VybeAppFactory app, Guid guestId) => app.WithDbAsync(db =>
        db.Readings.Where(r => r.GuestId == guestId).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToListAsync());

    public static Task<StoredReading?> FindReadingAsync(this VybeAppFactory app, Guid id) => app.WithDbAsync(db =>
        db.Readings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id));

    /// <summary>The guest id inside a vybe.guest cookie value, read the way the app reads it.</summary>
    public static Guid GuestIdInCookie(this VybeAppFactory app, string cookieValue) =>
        Guid.ParseExact(app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Vybe.History.GuestId.v1").Unprotect(cookieValue), "N");

    /// <summary>The value of a cookie the response sets (the part before the first ';'), or null.</summary>
    public static string? SetCookieValue(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith(name + "=", StringComparison.Ordinal))
                .Select(c => c[(name.Length + 1)..].Split(';')[0]).LastOrDefault()
            : null;

    /// <summary>Reads a number through the home page's form and returns the saved reading's id (from its permalink).</summary>
    public static async Task<Guid> ReadNumberSavedAsync(this HtmlBrowser browser, string number, string depth = "standard")
    {
        var page = await browser.ReadNumberAsync(number, depth);
        if (page.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Reading {number} answered {page.Status}: {page.Text}");
        }
        return page.SavedReadingId();
    }

    public static Guid SavedReadingId(this HtmlBrowser.Page page) =>
        Guid.Parse(page.Document.QuerySelector(".reading-saved a[href^='/r/']")?.GetAttribute("href")?["/r/".Length..]
            ?? throw new InvalidOperationException($"No permalink on {page.Url}: {page.Text}"));
}
