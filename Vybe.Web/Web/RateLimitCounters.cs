using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Vybe.Web.Web;

/// <summary>One fixed-window count, per minute, of the requests that share a key ("readings-address:203.0.113.7").</summary>
public sealed record RateLimitCounter(string Key, int PermitsPerMinute);

/// <summary>
/// The app's per-minute counters, and the rule by which a request uses them: a request is let through
/// only when every counter it needs has a permit left, and only then is one taken from each. A refused
/// request takes none, however many counters it needs and however often it is asked: the framework's
/// middleware asks a refused request's limiter a second time ("wait"), and a counter that had granted a
/// permit before another refused would lose one more each time.
/// </summary>
public sealed class RateLimitCounters : IDisposable
{
    private readonly Lock gate = new();

    // The framework's partitioned limiter keeps one fixed-window limiter per key and drops it about 10 s
    // after its window has refilled unused.
    private readonly PartitionedRateLimiter<RateLimitCounter> counters = PartitionedRateLimiter.Create<RateLimitCounter, string>(counter =>
        RateLimitPartition.GetFixedWindowLimiter(counter.Key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = counter.PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>
    /// A rate-limiting partition for a request that needs these counters (none: not limited). Requests that
    /// need the same counters share the partition; the counts themselves live here, shared by all partitions.
    /// </summary>
    public RateLimitPartition<string> Partition(IReadOnlyList<RateLimitCounter> needed) => needed.Count == 0
        ? RateLimitPartition.GetNoLimiter("")
        : RateLimitPartition.Get(string.Join(' ', needed.Select(c => c.Key)), _ => new AllOf(this, needed));

    private RateLimitLease Take(IReadOnlyList<RateLimitCounter> needed, int permits)
    {
        lock (gate)
        {
            // Asking for no permits takes nothing and tells whether one is left; a refusal carries Retry-After.
            foreach (var counter in needed)
            {
                var probe = counters.AttemptAcquire(counter, 0);
                if (!probe.IsAcquired)
                {
                    return probe;
                }
                probe.Dispose();
            }
            var taken = new List<RateLimitLease>(needed.Count);
            foreach (var counter in needed)
            {
                var lease = counters.AttemptAcquire(counter, permits);
                if (!lease.IsAcquired)
                {
                    taken.ForEach(granted => granted.Dispose());
                    return lease;
                }
                taken.Add(lease);
            }
            return new Granted(taken);
        }
    }

    public void Dispose() => counters.Dispose();

    /// <summary>The limiter of one partition: all of its counters, or none.</summary>
    private sealed class AllOf(RateLimitCounters owner, IReadOnlyList<RateLimitCounter> needed) : RateLimiter
    {
        private long lastUsed = Stopwatch.GetTimestamp();

        // The counts are the owner's: this limiter may be dropped whenever it is idle and made again.
        public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref lastUsed, Stopwatch.GetTimestamp());
            return owner.Take(needed, permitCount);
        }

        // No counter queues (QueueLimit = 0): waiting gets the same answer at once.
        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }

    private sealed class Granted(List<RateLimitLease> leases) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                leases.ForEach(lease => lease.Dispose());
            }
            base.Dispose(disposing);
        }
    }
}
