namespace Vybe.Web.Tests.Infrastructure;

/// <summary>Polling with a deadline, for work that finishes on a background thread (no sleeps, no timing asserts).</summary>
public static class Eventually
{
    // A ceiling, not an expectation: work normally finishes in milliseconds; a machine with both cores busy only makes it later.
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? DefaultDeadline);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up waiting for {what}; last value: {value}");
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        ReturnsAsync(() => Task.FromResult(condition()), ok => ok, what, deadline);
}
