using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// A stand-in mail server on 127.0.0.1 and a free port, speaking just enough SMTP for MailKit. It can
/// accept and keep every message, refuse every connection with a 554 greeting (a permanent "no"), or
/// close every connection at once (a failure that may pass), and it can hold its greetings until
/// the test lets them go. Disposing it stops it.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    public enum Behaviour { Accept, Refuse554, Close }

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<MimeMessage> messages = new();
    private readonly Task acceptLoop;
    private volatile Behaviour behaviour;
    private volatile TaskCompletionSource greetings = Released();
    private int connections;

    private FakeSmtpServer(Behaviour behaviour)
    {
        this.behaviour = behaviour;
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public static FakeSmtpServer Start(Behaviour behaviour = Behaviour.Accept) => new(behaviour);

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public Behaviour Mode
    {
        get => behaviour;
        set => behaviour = value;
    }

    /// <summary>Connections accepted so far (each try of the app's sender is one).</summary>
    public int Connections => Volatile.Read(ref connections);

    public IReadOnlyCollection<MimeMessage> Messages => messages;

    /// <summary>From now on, connections wait for <see cref="ReleaseGreetings"/> before the server says anything.</summary>
    public void HoldGreetings() => greetings = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseGreetings() => greetings.TrySetResult();

    /// <summary>The configuration that points the app's SMTP transport here (no TLS: this server has none).</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Vybe:Email:Smtp:Host"] = "127.0.0.1",
        ["Vybe:Email:Smtp:Port"] = Port.ToString(),
        ["Vybe:Email:Smtp:UseStartTls"] = "false",
    };

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await greetings.Task.WaitAsync(stop.Token);
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            switch (behaviour)
            {
                case Behaviour.Close:
                    return;
                case Behaviour.Refuse554:
                    await writer.WriteLineAsync("554 5.3.2 fake.smtp does not accept mail");
                    return;
            }
            await writer.WriteLineAsync("220 fake.smtp ESMTP ready");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 fake.smtp");
                        break;
                    case "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }
                        messages.Enqueue(await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data.ToString()))));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The client went away mid-conversation (the app gave up on this try): nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        stop.Dispose();
    }
}
