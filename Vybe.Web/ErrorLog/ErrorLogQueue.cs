using System.Threading.Channels;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// The bounded in-memory queue between the code that logs and the background writer. Writing
/// never blocks and never throws: when the queue is full the oldest entry is dropped and counted,
/// so a flood of errors costs memory up to a fixed bound and no request ever waits on the database.
/// </summary>
public sealed class ErrorLogQueue
{
    private readonly Channel<ErrorLogEntry> channel;
    private long dropped;

    public ErrorLogQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        channel = Channel.CreateBounded<ErrorLogEntry>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            _ => Interlocked.Increment(ref dropped));
    }

    public int Capacity { get; }

    /// <summary>How many entries were dropped because the queue was full, since the process started.</summary>
    public long DroppedCount => Interlocked.Read(ref dropped);

    public int Count => channel.Reader.Count;

    /// <summary>Queues an entry; false only after <see cref="Complete"/> (shutdown), when the entry is counted as dropped.</summary>
    public bool TryEnqueue(ErrorLogEntry entry)
    {
        if (channel.Writer.TryWrite(entry))
        {
            return true;
        }
        Interlocked.Increment(ref dropped);
        return false;
    }

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes up to <paramref name="maxCount"/> queued entries without waiting.</summary>
    public List<ErrorLogEntry> TakeBatch(int maxCount)
    {
        var batch = new List<ErrorLogEntry>(Math.Min(maxCount, Math.Max(channel.Reader.Count, 1)));
        while (batch.Count < maxCount && channel.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }
        return batch;
    }

    /// <summary>No more entries will be accepted; the writer drains what is left.</summary>
    public void Complete() => channel.Writer.TryComplete();
}
