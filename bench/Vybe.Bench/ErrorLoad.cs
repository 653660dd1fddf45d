using System.Diagnostics;
using Vybe.Web.ErrorLog;

namespace Vybe.Bench;

/// <summary>
/// Background errors at a steady rate: a PeriodicTimer ticks every 10 ms and writes the entries due
/// by then (10 a tick at 1,000/s). A late tick catches up, at most <see cref="MaxPerTick"/> at once,
/// so the rate holds unless the writes themselves are too slow; the achieved rate is reported.
/// A tick's entries are written by up to <see cref="Writers"/> threads at once, as errors from
/// concurrent requests would be; with a blocking logger one thread cannot reach 1,000/s.
/// </summary>
public sealed class ErrorLoad(IErrorLog errorLog, int perSecond)
{
    public const string Code = "BENCH_LOAD";
    public const int MaxPerTick = 100;
    public const int Writers = 4;
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private long written;

    public long Written => Interlocked.Read(ref written);

    public TimeSpan Elapsed { get; private set; }

    public double AchievedPerSecond => Elapsed > TimeSpan.Zero ? Written / Elapsed.TotalSeconds : 0;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick);
        var clock = Stopwatch.StartNew();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var first = Written;
                var due = Math.Min((long)(clock.Elapsed.TotalSeconds * perSecond) - first, MaxPerTick);
                var elapsedMs = (long)clock.Elapsed.TotalMilliseconds;
                Parallel.For(0, due, new ParallelOptions { MaxDegreeOfParallelism = Writers }, i =>
                {
                    errorLog.Error("Benchmark background error", Code, new
                    {
                        sequence = first + i,
                        source = "bench-load",
                        elapsedMs,
                    });
                    Interlocked.Increment(ref written);
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        Elapsed = clock.Elapsed;
    }
}
