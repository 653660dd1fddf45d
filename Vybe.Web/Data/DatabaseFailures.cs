using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vybe.Web.Data;

/// <summary>
/// Tells "the database cannot be reached right now" apart from every other failure, by the
/// exception types at the cause. The one place that decides it: the 503 answer, the outage record,
/// the readiness check and the background jobs all ask here.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>What <c>/readyz</c> and the outage record say when the database does not answer.</summary>
    public const string Unreachable = "database unreachable";

    // SQLite result codes (the primary code, the low byte of an extended one).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// True when <paramref name="exception"/>, or an exception it wraps (EF Core wraps provider errors in
    /// <c>DbUpdateException</c> and <c>InvalidOperationException</c>), says the database is unreachable:
    /// <list type="bullet">
    /// <item>Npgsql could not talk to the server: <see cref="NpgsqlException.IsTransient"/> without a server
    /// answer, which Npgsql sets for a socket error, broken I/O or a timeout (connecting, or waiting for
    /// a connection from an exhausted pool);</item>
    /// <item>the server answered that it cannot serve now: shutting down or starting up (57P01, 57P02,
    /// 57P03), too many connections (53300), or a connection exception (class 08);</item>
    /// <item>SQLite found the file busy or locked past its timeout, could not open it, or hit an I/O
    /// error.</item>
    /// </list>
    /// A server answer of any other kind (a constraint, a deadlock, a wrong password, a missing
    /// database) is not an outage: it is an error of its own and handled as one.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        foreach (var cause in Chain(exception))
        {
            switch (cause)
            {
                case DatabaseUnavailableException:
                    return true;
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException { IsTransient: true }:
                    return true;
                case SqliteException sqlite:
                    return (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen;
            }
        }
        return false;
    }

    /// <summary>
    /// A terse description of a failure for logs and health reports: the exception types down to the
    /// cause, with a PostgreSQL SQLSTATE, a socket error or a SQLite code. Never a message, so never a
    /// host, a user name or a connection string.
    /// </summary>
    public static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        foreach (var cause in Chain(exception).Take(6))
        {
            if (text.Length > 0)
            {
                text.Append(" <- ");
            }
            text.Append(cause.GetType().Name);
            switch (cause)
            {
                case PostgresException postgres:
                    text.Append(' ').Append(postgres.SqlState);
                    break;
                case SocketException socket:
                    text.Append(' ').Append(socket.SocketErrorCode);
                    break;
                case SqliteException sqlite:
                    text.Append(' ').Append(sqlite.SqliteErrorCode);
                    break;
            }
        }
        return text.ToString();
    }

    private static bool IsUnavailableState(string sqlState) =>
        sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections
        || sqlState.StartsWith("08", StringComparison.Ordinal);

    /// <summary>The exception and what it wraps, outermost first (each inner exception of an aggregate too).</summary>
    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}

/// <summary>A request was refused because something it needs from the database could not be had.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? cause = null) : Exception(message, cause);
