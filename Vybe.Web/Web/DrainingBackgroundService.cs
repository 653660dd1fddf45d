namespace Vybe.Web.Web;

/// <summary>
/// A background service that works through an in-memory queue and, when the app stops, finishes what
/// is queued for at most <see cref="ShutdownFlushTimeout"/> (on the injected clock). Past that,
/// <see cref="Abandoned"/> is cancelled: the work in hand gives up, and the subclass records what
/// was left (the error log writes it to the console, the mail worker logs it as not sent).
/// </summary>
public abstract class DrainingBackgroundService(TimeProvider clock) : BackgroundService
{
    private readonly CancellationTokenSource abandon = new();

    /// <summary>Cancelled only when the shutdown flush has run out of time.</summary>
    protected CancellationToken Abandoned => abandon.Token;

    protected abstract TimeSpan ShutdownFlushTimeout { get; }

    /// <summary>Lets the queue take nothing more, so that <c>ExecuteAsync</c> ends once it is empty.</summary>
    protected abstract void CompleteQueue();

    /// <summary>Says (to developers' logs) that the flush ran out of time, just before the rest is abandoned.</summary>
    protected abstract void OnFlushTimedOut();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        CompleteQueue();
        if (ExecuteTask is null)
        {
            return;
        }
        var timeUp = Task.Delay(ShutdownFlushTimeout, clock, CancellationToken.None);
        if (await Task.WhenAny(ExecuteTask, timeUp) != ExecuteTask)
        {
            OnFlushTimedOut();
            await abandon.CancelAsync();
            await ExecuteTask;
        }
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        abandon.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
