using Vybe.Web.ErrorLog;

namespace Vybe.Web.Tests.ErrorLog;

public sealed class ErrorLogQueueTests
{
    private static ErrorLogEntry Entry(string message) =>
        new() { Environment = "test", Service = "web", Level = ErrorLogLevels.Info, Message = message };

    [Fact]
    public void Full_queue_drops_the_oldest_entries_and_counts_them()
    {
        var queue = new ErrorLogQueue(capacity: 3);

        foreach (var message in new[] { "one", "two", "three", "four", "five" })
        {
            Assert.True(queue.TryEnqueue(Entry(message)));
        }

        Assert.Equal(2, queue.DroppedCount);
        Assert.Equal(["three", "four", "five"], queue.TakeBatch(10).Select(e => e.Message));
    }

    [Fact]
    public void Take_batch_takes_at_most_the_batch_size_in_order()
    {
        var queue = new ErrorLogQueue(capacity: 100);
        for (var i = 0; i < 7; i++)
        {
            queue.TryEnqueue(Entry($"m{i}"));
        }

        Assert.Equal(["m0", "m1", "m2"], queue.TakeBatch(3).Select(e => e.Message));
        Assert.Equal(["m3", "m4", "m5", "m6"], queue.TakeBatch(10).Select(e => e.Message));
        Assert.Empty(queue.TakeBatch(10));
    }

    [Fact]
    public void A_queue_holds_at_least_one_entry()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ErrorLogQueue(capacity: 0));
        Assert.Equal(1, new ErrorLogQueue(capacity: 1).Capacity);
    }

    [Fact]
    public void After_completion_new_entries_are_refused_and_counted_as_dropped()
    {
        var queue = new ErrorLogQueue(capacity: 10);
        queue.Complete();

        Assert.False(queue.TryEnqueue(Entry("late")));
        Assert.Equal(1, queue.DroppedCount);
    }
}
