using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Accounts;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.History;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Tests.Data;

/// <summary>
/// U+0000 (which PostgreSQL refuses in text and jsonb) and half of a surrogate pair (which Npgsql
/// cannot encode) reach the database as U+FFFD on every table and both providers, and nothing else
/// changes.
/// </summary>
public sealed class StoredTextTests
{
    private const string Nul = "\0";
    private const string HighHalf = "\uD83D"; // the first half of 😀 (U+1F600) alone
    private const string LowHalf = "\uDE00";
    private const char Replacement = StoredText.Replacement;

    // Cases in code, not in [InlineData]: xunit's serialization of theory data mangles half pairs.
    [Fact]
    public void Clean_replaces_nul_and_unpaired_surrogates_only()
    {
        (string Text, string Expected)[] cases =
        [
            ("plain text", "plain text"),
            ("a\0b", "a\uFFFDb"),
            ("cut \uD83D", "cut \uFFFD"),
            ("\uDE00 first", "\uFFFD first"),
            ("pair 😀 kept", "pair 😀 kept"),
            ("\uD83D\uD83D\uDE00", "\uFFFD😀"),
            ("😀\0\uDE00😀", "😀\uFFFD\uFFFD😀"),
        ];
        foreach (var (text, expected) in cases)
        {
            Assert.Equal(expected, StoredText.Clean(text));
        }
    }

    [Fact]
    public void Clean_returns_the_same_instance_when_nothing_needs_replacing()
    {
        var text = "nothing to replace 😀";
        Assert.Same(text, StoredText.Clean(text));
    }

    [Theory]
    [InlineData("""{"a":"x"}""", """{"a":"x"}""")]
    [InlineData("""{"a":"x\u0000y"}""", """{"a":"x\uFFFDy"}""")]
    [InlineData("""{"a\u0000":1}""", """{"a\uFFFD":1}""")]
    [InlineData("""{"a":"\ud83d"}""", """{"a":"\uFFFD"}""")]
    [InlineData("""{"a":"\uDE00x"}""", """{"a":"\uFFFDx"}""")]
    [InlineData("""{"a":"\ud83d\ude00"}""", """{"a":"\ud83d\ude00"}""")]
    [InlineData("""{"a":"\\u0000"}""", """{"a":"\\u0000"}""")] // an escaped backslash, then the letters u0000: text, not NUL
    [InlineData("""{"a":"\\\u0000"}""", """{"a":"\\\uFFFD"}""")]
    [InlineData("""{"a":"line\nnext","b":"\"q\""}""", """{"a":"line\nnext","b":"\"q\""}""")]
    public void CleanJson_replaces_nul_and_unpaired_surrogate_escapes_and_nothing_else(string json, string expected) =>
        Assert.Equal(expected, StoredText.CleanJson(json));

    [Fact]
    public void CleanJson_replaces_raw_characters_too_and_keeps_the_instance_otherwise()
    {
        Assert.Equal("{\"a\":\"\uFFFD 😀 \uFFFD\"}", StoredText.CleanJson("{\"a\":\"\uD83D 😀 \0\"}"));
        var json = """{"a":"😀 \n \ud83d\ude00"}""";
        Assert.Same(json, StoredText.CleanJson(json));
    }

    [Theory]
    [InlineData("""{"m":"\ud83d"}""", """{"m":"\uFFFD"}""")]
    [InlineData("""{"m":"\udE00\ud83d\ude00"}""", """{"m":"\uFFFD\ud83d\ude00"}""")]
    [InlineData("""{"m":"\\ud83d"}""", """{"m":"\\ud83d"}""")]
    [InlineData("""{"m":"\u0000"}""", """{"m":"\u0000"}""")] // left for the database boundary
    public void CleanSurrogateEscapes_repairs_a_body_in_place(string json, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        StoredText.CleanSurrogateEscapes(bytes);
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Clip_never_ends_in_half_a_pair()
    {
        Assert.Equal("abc", StoredText.Clip("abcdef", 3));
        Assert.Equal("ab", StoredText.Clip("ab😀", 3));
        Assert.Equal("ab😀", StoredText.Clip("ab😀", 4));
        Assert.Equal("ab", StoredText.Clip("ab", 5));
        Assert.Null(StoredText.Clip(null, 5));
    }

    public static TheoryData<string> Providers => [DatabaseOptions.Postgres, "sqlite"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_table_stores_nul_and_half_pairs_as_replacement_characters(string provider)
    {
        await using var database = await Database.CreateAsync(provider);
        var userId = Guid.NewGuid();
        var readingId = Guid.NewGuid();
        var details = new JsonObject
        {
            [$"key{Nul}with nul"] = $"value{Nul}with nul",
            ["cut"] = $"half {HighHalf}",
            ["nested"] = new JsonArray($"deep{Nul}", 1),
        }.ToJsonString();
        Assert.Contains(@"\u0000", details); // what jsonb refuses: the escape, not a raw NUL

        await using (var db = database.Context())
        {
            db.ErrorLogs.Add(new ErrorLogEntry
            {
                Ts = DateTimeOffset.UtcNow,
                Environment = "test",
                Service = "client",
                Level = "error",
                Code = $"CODE{Nul}",
                Message = $"message{Nul}one {HighHalf}",
                Details = details,
                Ip = IPAddress.Loopback,
                Ua = $"agent{Nul}/{LowHalf}",
            });
            db.Readings.Add(new StoredReading
            {
                Id = readingId,
                GuestId = Guid.NewGuid(),
                Kind = "number",
                RawInput = $"444{Nul}",
                NormalizedInput = "444",
                Depth = "lite",
                Numbers = """{"input":"444\u0000"}""",
                Writer = "openai:gpt-test",
                Sections = """[{"heading":"","body":"prose\u0000 \ud83d","points":[]}]""",
                WriterNote = $"note{Nul}",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            db.WebVitals.Add(new WebVitalSample
            {
                Ts = DateTimeOffset.UtcNow,
                Page = $"/r/{{id}}{Nul}",
                Metric = "LCP",
                Value = 1200,
                Rating = "good",
                RequestId = Guid.NewGuid(),
            });
            db.Users.Add(new VybeUser
            {
                Id = userId,
                UserName = $"who{Nul}@example.com",
                NormalizedUserName = $"WHO{Nul}@EXAMPLE.COM",
                Email = $"who{Nul}@example.com",
                NormalizedEmail = $"WHO{Nul}@EXAMPLE.COM",
                SecurityStamp = $"stamp{HighHalf}",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await using (var db = database.Context())
        {
            var row = await db.ErrorLogs.AsNoTracking().SingleAsync();
            Assert.Equal($"message{Replacement}one {Replacement}", row.Message);
            Assert.Equal($"CODE{Replacement}", row.Code);
            Assert.Equal($"agent{Replacement}/{Replacement}", row.Ua);
            var storedDetails = JsonNode.Parse(row.Details!)!.AsObject();
            Assert.Equal($"value{Replacement}with nul", storedDetails[$"key{Replacement}with nul"]!.GetValue<string>());
            Assert.Equal($"half {Replacement}", storedDetails["cut"]!.GetValue<string>());
            Assert.Equal($"deep{Replacement}", storedDetails["nested"]![0]!.GetValue<string>());

            var reading = await db.Readings.AsNoTracking().SingleAsync(r => r.Id == readingId);
            Assert.Equal($"444{Replacement}", reading.RawInput);
            Assert.Equal($"note{Replacement}", reading.WriterNote);
            Assert.Equal($"444{Replacement}", JsonNode.Parse(reading.Numbers)!["input"]!.GetValue<string>());
            Assert.Equal($"prose{Replacement} {Replacement}", JsonNode.Parse(reading.Sections)![0]!["body"]!.GetValue<string>());

            Assert.Equal($"/r/{{id}}{Replacement}", (await db.WebVitals.AsNoTracking().SingleAsync()).Page);

            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
            Assert.Equal($"who{Replacement}@example.com", user.Email);
            Assert.Equal($"stamp{Replacement}", user.SecurityStamp);
            // A lookup by the text as given finds what was stored for it, as Identity's FindByEmail does.
            Assert.True(await db.Users.AnyAsync(u => u.NormalizedEmail == $"WHO{Nul}@EXAMPLE.COM"));
        }
    }

    /// <summary>A migrated database of one provider for one test: a PostgreSQL database of its own, or SQLite in memory.</summary>
    private sealed class Database : IAsyncDisposable
    {
        private readonly string provider;
        private readonly string connectionString;
        private readonly SqliteConnection? sqlite;

        private Database(string provider, string connectionString, SqliteConnection? sqlite)
        {
            this.provider = provider;
            this.connectionString = connectionString;
            this.sqlite = sqlite;
        }

        public static async Task<Database> CreateAsync(string provider)
        {
            Database database;
            if (provider == DatabaseOptions.Postgres)
            {
                database = new Database(provider, await TestPostgres.CreateDatabaseAsync("storedtext"), null);
            }
            else
            {
                var connection = new SqliteConnection("Data Source=:memory:");
                await connection.OpenAsync();
                database = new Database(provider, "", connection);
            }
            await using var db = database.Context();
            await db.Database.MigrateAsync();
            return database;
        }

        public VybeDbContext Context() => provider == DatabaseOptions.Postgres
            ? new PostgresVybeDbContext(new DbContextOptionsBuilder<PostgresVybeDbContext>().UseNpgsql(connectionString).Options)
            : new SqliteVybeDbContext(new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite(sqlite!).Options);

        public async ValueTask DisposeAsync()
        {
            if (sqlite is not null)
            {
                await sqlite.DisposeAsync();
            }
            else
            {
                await TestPostgres.DropDatabaseAsync(connectionString);
            }
        }
    }
}
