using System.Threading.Channels;

namespace Vybe.Web.ErrorLog.Issues;

public enum ErrorIssueAlertKind
{
    /// <summary>An issue's first row.</summary>
    NewIssue,

    /// <summary>A resolved issue seen again in the same or a later release.</summary>
    Regression,

    /// <summary>An hour with at least <see cref="ErrorIssueTracker.SpikeMinimum"/> rows and <see cref="ErrorIssueTracker.SpikeFactor"/> times the previous day's hourly average.</summary>
    Spike,
}

/// <summary>Something admins may be e-mailed about, found by the writer as it counts rows.</summary>
/// <param name="At">When it happened: the time of the row that caused it.</param>
/// <param name="HourCount">For a spike: the rows in the hour.</param>
/// <param name="PreviousDayAverage">For a spike: the previous day's average rows per hour.</param>
public sealed record ErrorIssueAlert(ErrorIssueAlertKind Kind, long IssueId, DateTimeOffset At, int HourCount = 0, double PreviousDayAverage = 0);

/// <summary>
/// The bounded queue between the error-log writer and the alert sender. Queuing never waits; a full
/// queue drops the alert (and counts it), since the daily digest still reports the issue.
/// </summary>
public sealed class ErrorIssueAlertQueue
{
    public const int Capacity = 1_000;

    private readonly Channel<ErrorIssueAlert> channel = Channel.CreateBounded<ErrorIssueAlert>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse the newest, never block
        SingleReader = true,
        SingleWriter = true,
    });

    private long dropped;

    public long DroppedCount => Interlocked.Read(ref dropped);

    public ChannelReader<ErrorIssueAlert> Reader => channel.Reader;

    public void Enqueue(IEnumerable<ErrorIssueAlert> alerts)
    {
        foreach (var alert in alerts)
        {
            if (!channel.Writer.TryWrite(alert))
            {
                Interlocked.Increment(ref dropped);
            }
        }
    }

    public void Complete() => channel.Writer.TryComplete();
}
