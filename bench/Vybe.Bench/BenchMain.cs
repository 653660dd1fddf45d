using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.ErrorLog;

namespace Vybe.Bench;

/// <summary>
/// Page latency (GET /) with and without a flood of error-log writes; see docs/BENCHMARKS.md.
/// Prints figures; asserts nothing. Every scenario is bounded in requests and in time.
/// </summary>
public static class BenchMain
{
    private const int WarmupRequests = 200;
    private const int MeasuredRequests = 2_000;
    private const int ErrorsPerSecond = 1_000;
    private static readonly TimeSpan ScenarioCap = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WarmupCap = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainCap = TimeSpan.FromSeconds(20);

    private sealed record Scenario(string Key, string Name, bool LogsErrors, bool Synchronous, string Description);

    private sealed record Result(
        Scenario Scenario, string Transport, int Requests, int Failed, double[] SortedMs,
        long RequestErrors, long LoadErrors, double LoadPerSecond, long Rows, long Dropped, long SyncFailures, bool CappedByTime);

    private static readonly Scenario[] Scenarios =
    [
        new("baseline", "1 baseline", LogsErrors: false, Synchronous: false,
            "no errors logged; the bench middleware only checks the path"),
        new("async", "2 async queue", LogsErrors: true, Synchronous: false,
            "the app's IErrorLog (bounded queue + background batch writer); GET / logs 1 error; background 1,000 errors/s"),
        new("sync", "3 sync insert", LogsErrors: true, Synchronous: true,
            "bench-only IErrorLog: one DbContext + blocking SaveChanges per Write; GET / logs 1 error; background 1,000 errors/s"),
    ];

    public static async Task<int> Main()
    {
        var server = Environment.GetEnvironmentVariable("VYBE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("VYBE_TEST_POSTGRES is not set; run scripts/bench-error-log.sh, which starts a throwaway PostgreSQL.");
            return 2;
        }

        await PrintHeaderAsync(server);
        var results = new List<Result>();
        foreach (var scenario in Scenarios)
        {
            Console.WriteLine($"-- running {scenario.Name} ...");
            results.Add(await RunAsync(server, scenario));
        }
        PrintTable(results);
        return results.All(r => r.Failed == 0 && r.SyncFailures == 0) ? 0 : 1;
    }

    private static async Task<Result> RunAsync(string server, Scenario scenario)
    {
        await using var database = await BenchDatabase.CreateAsync(server, scenario.Key);
        var mailDirectory = Directory.CreateTempSubdirectory("vybe-bench-mail-");
        var filter = new HomeRequestErrorFilter(scenario.LogsErrors);
        try
        {
            var (factory, client, transport) = Start(database.ConnectionString, mailDirectory.FullName, filter, scenario.Synchronous);
            await using var _ = factory;
            using var __ = client;

            var errorLog = factory.Services.GetRequiredService<IErrorLog>();
            var queue = factory.Services.GetRequiredService<ErrorLogQueue>();
            var expected = scenario.Synchronous ? typeof(SynchronousErrorLog) : typeof(ErrorLogger);
            if (errorLog.GetType() != expected)
            {
                throw new InvalidOperationException($"{scenario.Name}: IErrorLog is {errorLog.GetType().Name}, expected {expected.Name}");
            }

            // The background load runs through warm-up and measurement alike.
            using var stopLoad = new CancellationTokenSource();
            var load = new ErrorLoad(errorLog, ErrorsPerSecond);
            var loadTask = scenario.LogsErrors ? Task.Run(() => load.RunAsync(stopLoad.Token)) : Task.CompletedTask;

            var failed = 0;
            var warmupClock = Stopwatch.StartNew();
            for (var i = 0; i < WarmupRequests && warmupClock.Elapsed < WarmupCap; i++)
            {
                await GetHomeAsync(client);
            }

            var latencies = new List<double>(MeasuredRequests);
            var clock = Stopwatch.StartNew();
            while (latencies.Count < MeasuredRequests && clock.Elapsed < ScenarioCap)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await GetHomeAsync(client);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                failed += ok ? 0 : 1;
            }
            var cappedByTime = latencies.Count < MeasuredRequests;

            await stopLoad.CancelAsync();
            await loadTask;

            // Let the background writer empty the queue, then wait for the row count to settle.
            var rows = await DrainAsync(queue, database);
            var dropped = queue.DroppedCount;
            var syncFailures = (errorLog as SynchronousErrorLog)?.Failures ?? 0;
            var sorted = latencies.Order().ToArray();
            return new Result(scenario, transport, sorted.Length, failed, sorted, filter.Logged, load.Written, load.AchievedPerSecond,
                rows, dropped, syncFailures, cappedByTime);
        }
        finally
        {
            mailDirectory.Delete(recursive: true);
        }
    }

    private static (WebApplicationFactory<Program> Factory, HttpClient Client, string Transport) Start(
        string connectionString, string mailDirectory, HomeRequestErrorFilter filter, bool synchronous)
    {
        WebApplicationFactory<Program> Create() => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Vybe:Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Vybe", connectionString);
            builder.UseSetting("Vybe:Email:PickupDirectory", mailDirectory);
            // Keeps the figures readable; the app logs nothing per request at Information anyway.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // EF logs the expected miss on __EFMigrationsHistory of a fresh database as a failed command.
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Critical");
            // "No XML encryptor configured": true of every bench database, noise here.
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter>(filter);
                if (synchronous)
                {
                    services.AddSingleton<IErrorLog, SynchronousErrorLog>();
                }
            });
        });

        var factory = Create();
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            {
                BaseAddress = new Uri(address),
                Timeout = TimeSpan.FromSeconds(10),
            };
            return (factory, client, $"Kestrel {address}");
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException)
        {
            Console.WriteLine($"warning: Kestrel did not start ({exception.Message}); falling back to TestServer (in-memory, no sockets)");
            factory.Dispose();
            factory = Create();
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            client.Timeout = TimeSpan.FromSeconds(10);
            return (factory, client, "TestServer (in-memory)");
        }
    }

    private static async Task<bool> GetHomeAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/");
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<long> DrainAsync(ErrorLogQueue queue, BenchDatabase database)
    {
        var clock = Stopwatch.StartNew();
        var last = -1L;
        while (true)
        {
            var rows = await database.CountErrorLogRowsAsync();
            if ((queue.Count == 0 && rows == last) || clock.Elapsed > DrainCap)
            {
                return rows;
            }
            last = rows;
            await Task.Delay(250);
        }
    }

    private static async Task PrintHeaderAsync(string server)
    {
        Console.WriteLine("Vybe error-log benchmark: latency of GET / while the app logs errors");
        Console.WriteLine($"date (UTC)   {DateTime.UtcNow:yyyy-MM-dd HH:mm}");
        Console.WriteLine($"machine      {Environment.ProcessorCount} logical CPUs (nproc){CpuModel()}; {RuntimeInformation.OSDescription}");
        Console.WriteLine($"dotnet       SDK {DotnetVersion()}, runtime {RuntimeInformation.FrameworkDescription}, "
            + $"server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"postgresql   {await BenchDatabase.ServerVersionAsync(server)} on {new Npgsql.NpgsqlConnectionStringBuilder(server).Host}"
            + $":{new Npgsql.NpgsqlConnectionStringBuilder(server).Port}, a fresh database per scenario, dropped afterwards");
        Console.WriteLine();
        Console.WriteLine("What is measured: the real app (WebApplicationFactory<Program>, environment Production, Release build),");
        Console.WriteLine("served by Kestrel on 127.0.0.1; one client sends GET / one request at a time over a keep-alive");
        Console.WriteLine("connection and times request start to last body byte with Stopwatch. Per scenario:");
        Console.WriteLine($"{WarmupRequests} warm-up requests (not counted, cap {WarmupCap.TotalSeconds:0} s), then {MeasuredRequests:N0} "
            + $"measured requests (cap {ScenarioCap.TotalSeconds:0} s).");
        Console.WriteLine("Background load (scenarios 2 and 3): a PeriodicTimer every 10 ms calls IErrorLog.Error for the entries due,");
        Console.WriteLine($"{ErrorsPerSecond:N0}/s (10 a tick, written by up to {ErrorLoad.Writers} threads at once), each with a details object,");
        Console.WriteLine("from warm-up start to the last measured request; 'load/s' is the rate actually achieved.");
        Console.WriteLine("A bench middleware (IStartupFilter, first in the pipeline) runs in every scenario; in 2 and 3 it calls");
        Console.WriteLine("IErrorLog.Error once for each GET / before the app handles it, so the page request pays the write.");
        foreach (var scenario in Scenarios)
        {
            Console.WriteLine($"  {scenario.Name,-14} {scenario.Description}");
        }
        Console.WriteLine("Percentiles are nearest-rank over the measured requests. 'rows' is error_logs after the load stopped");
        Console.WriteLine("and the queue drained; 'dropped' is ErrorLogQueue.DroppedCount (entries the full queue discarded).");
        Console.WriteLine();
    }

    private static void PrintTable(IReadOnlyList<Result> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-14} {"requests",8} {"failed",6} {"median ms",9} {"p95 ms",8} {"p99 ms",8} {"max ms",8} "
            + $"{"errors logged",13} {"load/s",7} {"rows after",10} {"dropped",7}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Scenario.Name,-14} {r.Requests,8:N0} {r.Failed,6} {Ms(Percentile(r.SortedMs, 50)),9} "
                + $"{Ms(Percentile(r.SortedMs, 95)),8} {Ms(Percentile(r.SortedMs, 99)),8} {Ms(r.SortedMs[^1]),8} "
                + $"{r.RequestErrors + r.LoadErrors,13:N0} {r.LoadPerSecond,7:N0} {r.Rows,10:N0} {r.Dropped,7:N0}");
        }
        Console.WriteLine();
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Scenario.Name}: {r.Transport}; errors logged = {r.RequestErrors:N0} by GET / + {r.LoadErrors:N0} background"
                + (r.CappedByTime ? $"; stopped by the {ScenarioCap.TotalSeconds:0} s cap" : "")
                + (r.SyncFailures > 0 ? $"; {r.SyncFailures:N0} synchronous inserts failed" : ""));
        }
    }

    private static double Percentile(double[] sorted, double percent) =>
        sorted[Math.Max(0, (int)Math.Ceiling(percent / 100 * sorted.Length) - 1)];

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "" : $", {line[(line.IndexOf(':') + 1)..].Trim()}";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string DotnetVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            return process.WaitForExit(30_000) ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
