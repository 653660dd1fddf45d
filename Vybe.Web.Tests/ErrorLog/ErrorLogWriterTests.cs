using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// The writer against a real database: one on a closed port (unreachable) and the throwaway PostgreSQL.
/// What the writer did is read from its meter (<see cref="ErrorLogMetrics"/>), through a listener of the test's own.
/// </summary>
public sealed class ErrorLogWriterTests : IDisposable
{
    // A meter factory of this test's own: its listeners hear this test's writer only, not those of tests running alongside.
    private readonly ServiceProvider meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory MeterFactory => meters.GetRequiredService<IMeterFactory>();

    public void Dispose() => meters.Dispose();

    private MetricCollector<double> RetryDelays() => new(MeterFactory, ErrorLogMetrics.MeterName, ErrorLogMetrics.RetryDelayInstrument);

    private MetricCollector<long> RowsWritten() => new(MeterFactory, ErrorLogMetrics.MeterName, ErrorLogMetrics.RowsWrittenInstrument);

    private MetricCollector<long> RowsToConsole() => new(MeterFactory, ErrorLogMetrics.MeterName, ErrorLogMetrics.RowsToConsoleInstrument);

    private static ErrorLogEntry Entry(string message) => new()
    {
        Ts = DateTimeOffset.UtcNow,
        Environment = "test",
        Service = "web",
        Level = ErrorLogLevels.Error,
        Code = "TEST",
        Message = message,
        Details = """{"n": 1}""",
        Ip = IPAddress.Parse("192.0.2.7"),
    };

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static ServiceProvider DatabaseServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddDbContext<VybeDbContext, PostgresVybeDbContext>(db => db.UseNpgsql(connectionString));
        return services.BuildServiceProvider();
    }

    private static async Task<ServiceProvider> MigratedDatabaseServicesAsync(string connectionString)
    {
        var services = DatabaseServices(connectionString);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VybeDbContext>().Database.MigrateAsync();
        return services;
    }

    private static string UnreachableDatabase() =>
        $"Host=127.0.0.1;Port={ClosedLoopbackPort()};Username=vybe;Password=x;Database=vybe;Timeout=3;Pooling=false";

    private ErrorLogWriter Writer(ErrorLogQueue queue, ServiceProvider services, TextWriter console, TimeProvider clock,
        ErrorLogOptions? options = null) =>
        new(queue, new DatabaseErrorLogStore(services.GetRequiredService<IServiceScopeFactory>()), new ConsoleFallback(console),
            Options.Create(options ?? new ErrorLogOptions()), clock, new ErrorLogMetrics(MeterFactory),
            new ErrorIssueAlertQueue(), TestRelease, NullLogger<ErrorLogWriter>.Instance);

    private static readonly AppRelease TestRelease = new(new ConfigurationBuilder().Build());

    /// <summary>Moves the fake clock forward in small steps until the condition holds, so no timer is skipped.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Eventually.DefaultDeadline);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up waiting for {what}");
            }
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(5, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Unreachable_database_retries_after_100_200_and_400_ms_then_writes_valid_json_to_the_console()
    {
        using var services = DatabaseServices(UnreachableDatabase());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var console = new StringWriter();
        var queue = new ErrorLogQueue(100);
        using var retryDelays = RetryDelays();
        using var toConsole = RowsToConsole();
        using var writer = Writer(queue, services, console, clock);
        await writer.StartAsync(CancellationToken.None);
        var started = clock.GetUtcNow();

        queue.TryEnqueue(Entry("the database is down"));
        await AdvanceUntilAsync(clock, () => console.ToString().Length > 0, "the console fallback");

        Assert.Equal([100, 200, 400], retryDelays.GetMeasurementSnapshot().Select(m => m.Value));
        var unreachable = Assert.Single(toConsole.GetMeasurementSnapshot());
        Assert.Equal(1, unreachable.Value);
        Assert.Equal(ErrorLogMetrics.UnreachableReason, unreachable.Tags[ErrorLogMetrics.ReasonTag]);
        // The fallback came only after the three waits had passed on the clock.
        Assert.InRange((clock.GetUtcNow() - started).TotalMilliseconds, 700, 800);
        var line = Assert.Single(console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("the database is down", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("TEST", json.RootElement.GetProperty("code").GetString());
        Assert.Equal("error", json.RootElement.GetProperty("level").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("details").GetProperty("n").GetInt32());
        Assert.Equal("192.0.2.7", json.RootElement.GetProperty("ip").GetString());
        Assert.StartsWith("database write failed after 3 retries", json.RootElement.GetProperty("error_log_fallback").GetString());

        // The writer carries on: the next entry goes through the same path.
        queue.TryEnqueue(Entry("still down"));
        await AdvanceUntilAsync(clock, () => console.ToString().Contains("still down"), "the second fallback");
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Logging_while_the_database_is_unreachable_returns_at_once_never_throws_and_drops_the_oldest()
    {
        using var services = DatabaseServices(UnreachableDatabase());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var queue = new ErrorLogQueue(100);
        using var retryDelays = RetryDelays();
        // A batch smaller than the queue: the writer, stuck retrying its first batch on the fake clock, can hold at
        // most that many, so what the queue keeps does not depend on when the writer woke.
        var options = new ErrorLogOptions { BatchSize = 10 };
        using var writer = Writer(queue, services, TextWriter.Null, clock, options);
        await writer.StartAsync(CancellationToken.None);
        IErrorLog logger = new ErrorLogger(queue, new HttpContextAccessor(), new HostingEnvironment { EnvironmentName = "Test" },
            Options.Create(new ErrorLogOptions()), clock, TestRelease, NullLogger<ErrorLogger>.Instance);

        // Write is synchronous (it returns no task to wait on), so the caller cannot be held up by the database.
        var exception = Record.Exception(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                logger.Error($"error {i}", "FLOOD", new { i, password = "never stored" });
            }
        });

        Assert.Null(exception);
        var state = $"queued {queue.Count}, dropped {queue.DroppedCount}, retries {retryDelays.GetMeasurementSnapshot().Count}";
        Assert.True(queue.Count >= 100 - options.BatchSize && queue.Count <= 100, state);
        // The writer holds at most one batch; everything else beyond the queue's capacity was dropped.
        Assert.True(queue.DroppedCount >= 1_000 - 100 - options.BatchSize, state);
        var newest = queue.TakeBatch(1_000).Last();
        Assert.Equal("error 999", newest.Message);
        Assert.Equal("test", newest.Environment);
        Assert.DoesNotContain("never stored", newest.Details);

        var stopping = writer.StopAsync(CancellationToken.None);
        await AdvanceUntilAsync(clock, () => stopping.IsCompleted, "the writer to stop");
    }

    [Fact]
    public async Task Rows_reach_postgres_in_batches()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("writer");
        try
        {
            using var services = await MigratedDatabaseServicesAsync(connectionString);
            var queue = new ErrorLogQueue(1_000);
            for (var i = 0; i < 450; i++)
            {
                queue.TryEnqueue(Entry($"row {i}"));
            }
            using var writer = Writer(queue, services, TextWriter.Null, TimeProvider.System, new ErrorLogOptions { BatchSize = 200 });

            await writer.StartAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => writer.BatchesWritten == 3, "three batches");
            await writer.StopAsync(CancellationToken.None);

            await using var check = services.CreateAsyncScope();
            var db = check.ServiceProvider.GetRequiredService<VybeDbContext>();
            Assert.Equal(450, await db.ErrorLogs.CountAsync());
            Assert.Equal(3, writer.BatchesWritten);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_batch_the_database_refuses_for_one_row_is_written_row_by_row_without_retries_and_only_that_row_goes_to_the_console()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("refused");
        try
        {
            using var services = await MigratedDatabaseServicesAsync(connectionString);
            var queue = new ErrorLogQueue(1_000);
            for (var i = 0; i < 201; i++)
            {
                var entry = Entry($"row {i}");
                if (i == 100)
                {
                    // The table's check constraint refuses it (SQLSTATE 23514): this row's data, not the connection.
                    entry.Environment = "nowhere";
                    entry.Message = "the refused row";
                }
                queue.TryEnqueue(entry);
            }
            var console = new StringWriter();
            using var retryDelays = RetryDelays();
            using var written = RowsWritten();
            using var toConsole = RowsToConsole();
            using var writer = Writer(queue, services, console, TimeProvider.System, new ErrorLogOptions { BatchSize = 500 });

            await writer.StartAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => writer.BatchesWritten == 1, "the one batch");
            await writer.StopAsync(CancellationToken.None);

            await using var check = services.CreateAsyncScope();
            var db = check.ServiceProvider.GetRequiredService<VybeDbContext>();
            Assert.Equal(200, await db.ErrorLogs.CountAsync());
            Assert.Equal(0, await db.ErrorLogs.CountAsync(e => e.Message == "the refused row"));
            var line = Assert.Single(console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            using var json = JsonDocument.Parse(line);
            Assert.Equal("the refused row", json.RootElement.GetProperty("message").GetString());
            Assert.StartsWith("the database refused the row", json.RootElement.GetProperty("error_log_fallback").GetString());
            Assert.Contains("23514", json.RootElement.GetProperty("error_log_fallback").GetString());
            // Retrying cannot change what the database refuses: no waits, neither for the batch nor for the row.
            Assert.Empty(retryDelays.GetMeasurementSnapshot());
            Assert.Equal(200, written.GetMeasurementSnapshot().Sum(m => m.Value));
            var refused = Assert.Single(toConsole.GetMeasurementSnapshot());
            Assert.Equal(1, refused.Value);
            Assert.Equal(ErrorLogMetrics.RefusedReason, refused.Tags[ErrorLogMetrics.ReasonTag]);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Shutdown_flushes_what_is_queued()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("flush");
        try
        {
            using var services = await MigratedDatabaseServicesAsync(connectionString);
            var queue = new ErrorLogQueue(1_000);
            using var writer = Writer(queue, services, TextWriter.Null, TimeProvider.System, new ErrorLogOptions { BatchSize = 7 });
            await writer.StartAsync(CancellationToken.None);

            for (var i = 0; i < 60; i++)
            {
                queue.TryEnqueue(Entry($"late row {i}"));
            }
            await writer.StopAsync(CancellationToken.None);

            await using var check = services.CreateAsyncScope();
            Assert.Equal(60, await check.ServiceProvider.GetRequiredService<VybeDbContext>().ErrorLogs.CountAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Shutdown_flush_is_capped_and_the_rest_goes_to_the_console()
    {
        using var services = DatabaseServices(UnreachableDatabase());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var console = new StringWriter();
        var queue = new ErrorLogQueue(100);
        using var writer = Writer(queue, services, console, clock, new ErrorLogOptions { ShutdownFlushTimeout = TimeSpan.FromMilliseconds(150) });
        await writer.StartAsync(CancellationToken.None);
        queue.TryEnqueue(Entry("first"));
        queue.TryEnqueue(Entry("second"));

        var stopping = writer.StopAsync(CancellationToken.None);
        await AdvanceUntilAsync(clock, () => stopping.IsCompleted, "the capped shutdown");
        await stopping;

        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Equal("shutdown flush timed out",
            JsonDocument.Parse(line).RootElement.GetProperty("error_log_fallback").GetString()));
    }
}
