using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using Vybe.TestSupport;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Data;

public sealed class MigrationTests
{
    private static string CommittedScriptPath => Path.Combine(RepositoryPaths.Root, "Migrations", MigrationScripts.PostgresScriptFileName);

    private static IReadOnlyList<string> AllPostgresMigrations()
    {
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        return postgres.Database.GetMigrations().ToList();
    }

    [Fact]
    public async Task Committed_postgres_script_matches_the_migrations()
    {
        var committed = (await File.ReadAllTextAsync(CommittedScriptPath)).ReplaceLineEndings("\n");

        var generated = MigrationScripts.GenerateIdempotentPostgresScript();

        Assert.True(committed == generated,
            "Migrations/postgres.sql is out of date. Regenerate it with: " +
            "dotnet Vybe.Web/bin/Debug/net10.0/Vybe.Web.dll migrations-script Migrations/postgres.sql");
    }

    [Fact]
    public void Both_migration_sets_match_the_model()
    {
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(postgres.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: dotnet ef migrations add NAME --context PostgresVybeDbContext");
        Assert.False(sqlite.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: dotnet ef migrations add NAME --context SqliteVybeDbContext");
    }

    [Fact]
    public async Task Migrate_command_builds_an_empty_postgres_database_with_the_error_log_schema()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("migrate");
        try
        {
            var result = await AppCommand.RunAsync(["migrate"], AppCommand.PostgresEnvironment(connectionString));
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains($"Applied {AllPostgresMigrations().Count} migration(s)", result.Output);

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var columns = new Dictionary<string, string>();
            await using (var command = new NpgsqlCommand(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'error_logs'", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    columns[reader.GetString(0)] = reader.GetString(1);
                }
            }
            Assert.Equal("bigint", columns["id"]);
            Assert.Equal("timestamp with time zone", columns["ts"]);
            Assert.Equal("uuid", columns["request_id"]);
            Assert.Equal("uuid", columns["user_id"]);
            Assert.Equal("jsonb", columns["details"]);
            Assert.Equal("inet", columns["ip"]);
            Assert.Equal("text", columns["message"]);

            // The defaults and checks are the database's own, not just the app's.
            await using var insert = new NpgsqlCommand(
                "INSERT INTO error_logs (environment, service, level, message, details, ip) " +
                "VALUES ('test', 'web', 'error', 'boom', '{\"a\": 1}', '127.0.0.1') RETURNING id, ts", connection);
            await using (var reader = await insert.ExecuteReaderAsync())
            {
                Assert.True(await reader.ReadAsync());
                Assert.True(reader.GetInt64(0) > 0);
            }
            await using var badLevel = new NpgsqlCommand(
                "INSERT INTO error_logs (environment, service, level, message) VALUES ('test', 'web', 'fatal', 'x')", connection);
            var violation = await Assert.ThrowsAsync<PostgresException>(() => badLevel.ExecuteNonQueryAsync());
            Assert.Equal("ck_error_logs_level", violation.ConstraintName);
            await using var badEnvironment = new NpgsqlCommand(
                "INSERT INTO error_logs (environment, service, level, message) VALUES ('qa', 'web', 'info', 'x')", connection);
            violation = await Assert.ThrowsAsync<PostgresException>(() => badEnvironment.ExecuteNonQueryAsync());
            Assert.Equal("ck_error_logs_environment", violation.ConstraintName);

            // A reading belongs to exactly one owner, a member or a guest.
            await using var ownerless = new NpgsqlCommand(
                "INSERT INTO readings (id, kind, raw_input, normalized_input, depth, numbers, writer, sections, created_at, seen_at) " +
                "VALUES (gen_random_uuid(), 'number', '1', '1', 'lite', '{}', 'built-in', '[]', now(), now())", connection);
            violation = await Assert.ThrowsAsync<PostgresException>(() => ownerless.ExecuteNonQueryAsync());
            Assert.Equal("ck_readings_one_owner", violation.ConstraintName);

            // A sighting's place and feeling come from the journal's fixed sets; a note has a length limit.
            foreach (var (column, value, constraint) in new[]
            {
                ("seen_place", "'moon'", "ck_readings_seen_place"),
                ("feeling", "'angry'", "ck_readings_feeling"),
            })
            {
                await using var badSighting = new NpgsqlCommand(
                    $"INSERT INTO readings (id, guest_id, kind, raw_input, normalized_input, depth, numbers, writer, sections, created_at, seen_at, {column}) " +
                    $"VALUES (gen_random_uuid(), gen_random_uuid(), 'number', '1', '1', 'lite', '{{}}', 'built-in', '[]', now(), now(), {value})", connection);
                violation = await Assert.ThrowsAsync<PostgresException>(() => badSighting.ExecuteNonQueryAsync());
                Assert.Equal(constraint, violation.ConstraintName);
            }
            await using var longNote = new NpgsqlCommand(
                "INSERT INTO readings (id, guest_id, kind, raw_input, normalized_input, depth, numbers, writer, sections, created_at, seen_at, note) " +
                "VALUES (gen_random_uuid(), gen_random_uuid(), 'number', '1', '1', 'lite', '{}', 'built-in', '[]', now(), now(), repeat('n', 501))", connection);
            violation = await Assert.ThrowsAsync<PostgresException>(() => longNote.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.StringDataRightTruncation, violation.SqlState);

            // A Web Vitals sample names a known metric and rating and has no negative value.
            await using var badMetric = new NpgsqlCommand(
                "INSERT INTO web_vitals (ts, page, metric, value, rating, request_id) VALUES (now(), '/', 'FID', 1, 'good', gen_random_uuid())", connection);
            violation = await Assert.ThrowsAsync<PostgresException>(() => badMetric.ExecuteNonQueryAsync());
            Assert.Equal("ck_web_vitals_metric", violation.ConstraintName);
            await using var negative = new NpgsqlCommand(
                "INSERT INTO web_vitals (ts, page, metric, value, rating, request_id) VALUES (now(), '/', 'LCP', -1, 'good', gen_random_uuid())", connection);
            violation = await Assert.ThrowsAsync<PostgresException>(() => negative.ExecuteNonQueryAsync());
            Assert.Equal("ck_web_vitals_value", violation.ConstraintName);

            var again = await AppCommand.RunAsync(["migrate"], AppCommand.PostgresEnvironment(connectionString));
            Assert.Contains("The database is up to date.", again.Output);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Migrate_command_creates_a_postgres_database_that_does_not_exist_yet()
    {
        // The migration lock needs a connection to the database, so the database is created first.
        var connectionString = TestPostgres.ConnectionStringFor($"vybe_missing_{Guid.NewGuid():N}"[..40]);
        try
        {
            var result = await AppCommand.RunAsync(["migrate"], AppCommand.PostgresEnvironment(connectionString));
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains($"Applied {AllPostgresMigrations().Count} migration(s)", result.Output);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Committed_script_applies_to_an_empty_postgres_database_twice()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("script");
        try
        {
            var script = await File.ReadAllTextAsync(CommittedScriptPath);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var first = new NpgsqlCommand(script, connection))
            {
                await first.ExecuteNonQueryAsync();
            }
            await using (var second = new NpgsqlCommand(script, connection))
            {
                await second.ExecuteNonQueryAsync(); // idempotent: nothing applied twice
            }

            await using var db = new PostgresVybeDbContext(new DbContextOptionsBuilder<PostgresVybeDbContext>().UseNpgsql(connectionString).Options);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Readings_kept_before_the_journal_were_seen_when_they_were_made_on_postgres()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("journal-upgrade");
        try
        {
            var options = new DbContextOptionsBuilder<PostgresVybeDbContext>().UseNpgsql(connectionString).Options;
            await using var db = new PostgresVybeDbContext(options);
            await AssertReadingsKeepTheirTimeAcrossTheJournalMigrationAsync(db);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Readings_kept_before_the_journal_were_seen_when_they_were_made_on_sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vybe-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite($"Data Source={file}").Options;
            await using var db = new SqliteVybeDbContext(options);
            await AssertReadingsKeepTheirTimeAcrossTheJournalMigrationAsync(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task AssertReadingsKeepTheirTimeAcrossTheJournalMigrationAsync(VybeDbContext db)
    {
        var migrations = db.Database.GetMigrations().ToList();
        var journal = migrations.FindIndex(m => m.EndsWith("_AddSightingJournal", StringComparison.Ordinal));
        await db.Database.MigrateAsync(migrations[journal - 1]);
        var madeAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var id = Guid.NewGuid();
        // Written as the previous schema's model would: straight SQL, since the entity now has more columns.
        var createdAt = db.Database.IsNpgsql() ? madeAt : new DateTimeOffsetToBinaryConverter().ConvertToProvider(madeAt)!;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO readings (id, guest_id, kind, raw_input, normalized_input, depth, numbers, writer, sections, created_at) VALUES ({id}, {Guid.NewGuid()}, 'number', '7', '7', 'lite', '{{}}', 'built-in', '[]', {createdAt})");

        await db.Database.MigrateAsync();

        var reading = await db.Readings.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(madeAt, reading.SeenAt);
        Assert.Equal(madeAt, reading.CreatedAt);
        Assert.Null(reading.SeenPlace);
        Assert.Null(reading.Note);
        Assert.Null(reading.Feeling);
    }

    [Fact]
    public async Task Sqlite_database_migrates_from_empty_and_orders_error_rows_by_time()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vybe-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite($"Data Source={file}").Options;
            await using (var db = new SqliteVybeDbContext(options))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                var now = DateTimeOffset.UtcNow;
                db.ErrorLogs.AddRange(
                    new ErrorLogEntry { Ts = now.AddMinutes(-5), Environment = "test", Service = "web", Level = "info", Message = "older", Ip = IPAddress.Loopback },
                    new ErrorLogEntry { Ts = now, Environment = "test", Service = "web", Level = "error", Message = "newer", Ip = IPAddress.IPv6Loopback });
                await db.SaveChangesAsync();
            }
            await using (var db = new SqliteVybeDbContext(options))
            {
                var since = DateTimeOffset.UtcNow.AddMinutes(-1);
                var newest = await db.ErrorLogs.Where(e => e.Ts > since).OrderByDescending(e => e.Ts).ToListAsync();
                Assert.Equal("newer", Assert.Single(newest).Message);
                Assert.Equal(IPAddress.IPv6Loopback, newest[0].Ip);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
