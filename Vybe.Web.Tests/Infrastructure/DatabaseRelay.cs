using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the shared PostgreSQL cluster, so that a test can take "its"
/// database away and give it back without stopping the cluster every other test uses. Point the
/// app's connection string at it (<see cref="ConnectionString"/>); <see cref="Cut"/> resets every
/// relayed connection (the server rolls back what they had open) and resets each new one as soon as
/// it arrives, as a stopped server would refuse it; disposing what <see cref="Cut"/> returns restores
/// the relay. Both clear the connection string's Npgsql pool, so no connection from before is reused.
/// </summary>
public sealed class DatabaseRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint target;
    private readonly ConcurrentDictionary<Link, byte> links = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private volatile bool cut;

    private DatabaseRelay(string directConnectionString)
    {
        var direct = new NpgsqlConnectionStringBuilder(directConnectionString);
        target = new DnsEndPoint(direct.Host!, direct.Port);
        listener.Start();
        ConnectionString = new NpgsqlConnectionStringBuilder(directConnectionString)
        {
            Host = IPAddress.Loopback.ToString(),
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
        }.ConnectionString;
        accepting = AcceptAsync();
    }

    /// <summary>The database of the direct connection string the relay was started with, reached through the relay.</summary>
    public string ConnectionString { get; }

    public bool IsCut => cut;

    /// <summary>How many connections the relay has reset while cut (for a test's report).</summary>
    public int Resets => resets;
    private int resets;

    public static DatabaseRelay Start(string directConnectionString) => new(directConnectionString);

    /// <summary>Takes the database away until the returned handle is disposed.</summary>
    public IDisposable Cut()
    {
        cut = true;
        foreach (var link in links.Keys)
        {
            Reset(link);
        }
        ClearPool();
        return new Restorer(this);
    }

    private void Restore()
    {
        cut = false;
        ClearPool();
    }

    private void ClearPool()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var link = new Link(client, server);
        links[link] = 0;
        try
        {
            if (cut)
            {
                Reset(link);
                return;
            }
            await server.ConnectAsync(target, stopping.Token);
            if (cut)
            {
                Reset(link);
                return;
            }
            // Either direction ending ends both.
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            links.TryRemove(link, out _);
            link.Client.Dispose();
            link.Server.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Closes both ends with a reset (linger 0), as a connection to a server that went away ends.</summary>
    private void Reset(Link link)
    {
        Interlocked.Increment(ref resets);
        foreach (var socket in new[] { link.Client, link.Server })
        {
            try
            {
                if (socket.Connected)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                socket.Close();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        foreach (var link in links.Keys)
        {
            Reset(link);
        }
        await accepting;
        stopping.Dispose();
    }

    /// <summary>One relayed connection; each is its own dictionary key.</summary>
    private sealed class Link(Socket client, Socket server)
    {
        public Socket Client { get; } = client;

        public Socket Server { get; } = server;
    }

    private sealed class Restorer(DatabaseRelay relay) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                relay.Restore();
            }
        }
    }
}
