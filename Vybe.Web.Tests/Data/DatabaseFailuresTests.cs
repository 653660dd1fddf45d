using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vybe.Web.Data;

namespace Vybe.Web.Tests.Data;

/// <summary>What counts as "the database is unreachable" (a 503, counted in the outage record) and what is an error of its own.</summary>
public sealed class DatabaseFailuresTests
{
    private static NpgsqlException NoServer() =>
        new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    public static TheoryData<string, Exception> Unreachable => new()
    {
        { "connection refused", NoServer() },
        { "connection reset mid-query", new NpgsqlException("Exception while reading from stream", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))) },
        { "pool exhausted or connect timeout", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()) },
        { "EF Core's transient wrapper", new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", NoServer()) },
        { "a failed save", new DbUpdateException("An error occurred while saving the entity changes.", NoServer()) },
        { "one of several", new AggregateException(new ArgumentException("other"), NoServer()) },
        { "server shutting down", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown) },
        { "server starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow) },
        { "too many connections", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections) },
        { "connection failure", new PostgresException("connection failure", "FATAL", "FATAL", PostgresErrorCodes.ConnectionFailure) },
        { "SQLite busy", new SqliteException("database is locked", 5) },
        { "SQLite table locked", new SqliteException("database table is locked", 6) },
        { "SQLite cannot open", new SqliteException("unable to open database file", 14) },
        { "SQLite I/O error", new SqliteException("disk I/O error", 10) },
        { "a refused session check", new DatabaseUnavailableException("session not checked", NoServer()) },
    };

    public static TheoryData<string, Exception> OtherErrors => new()
    {
        { "unique violation", new DbUpdateException("duplicate", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)) },
        { "deadlock", new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected) },
        { "serialization failure", new PostgresException("could not serialize access", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure) },
        { "wrong password", new PostgresException("password authentication failed", "FATAL", "FATAL", PostgresErrorCodes.InvalidPassword) },
        { "no such database", new PostgresException("database does not exist", "FATAL", "FATAL", PostgresErrorCodes.InvalidCatalogName) },
        #pragma warning disable CA2201 // the very exception a bug of ours throws, which must not be taken for an outage
        { "a bug of ours", new NullReferenceException() },
#pragma warning restore CA2201
        { "a timeout that is not the database's", new TimeoutException("OCR took too long") },
        { "a socket error that is not the database's", new SocketException((int)SocketError.ConnectionRefused) },
        { "Npgsql misuse", new NpgsqlException("Connection is not open") },
        { "SQLite constraint", new SqliteException("UNIQUE constraint failed", 19) },
        { "SQLite corrupt file", new SqliteException("database disk image is malformed", 11) },
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void An_unreachable_database_is_recognised_at_its_cause(string because, Exception exception) =>
        Assert.True(DatabaseFailures.IsUnavailable(exception), because);

    [Theory]
    [MemberData(nameof(OtherErrors))]
    public void Other_errors_are_not_taken_for_an_outage(string because, Exception exception) =>
        Assert.False(DatabaseFailures.IsUnavailable(exception), because);

    [Fact]
    public void The_description_names_types_and_codes_but_no_message()
    {
        var exception = new InvalidOperationException("likely a transient failure",
            new NpgsqlException("Failed to connect to db.internal:5432 as vybe", new SocketException((int)SocketError.ConnectionRefused)));

        var described = DatabaseFailures.Describe(exception);

        Assert.Equal("InvalidOperationException <- NpgsqlException <- SocketException ConnectionRefused", described);
    }
}
