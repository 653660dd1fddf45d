using System.Net;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog;

/// <summary>One row of the operational error log (table <c>error_logs</c>) that admins read.</summary>
public sealed class ErrorLogEntry : IAgedRow
{
    public long Id { get; set; }
    public DateTimeOffset Ts { get; set; }
    public required string Environment { get; set; }
    public required string Service { get; set; }
    public required string Level { get; set; }
    public Guid? RequestId { get; set; }
    public Guid? UserId { get; set; }
    public string? Code { get; set; }
    public required string Message { get; set; }
    /// <summary>A JSON document; <c>jsonb</c> on PostgreSQL.</summary>
    public string? Details { get; set; }
    public IPAddress? Ip { get; set; }
    public string? Ua { get; set; }

    /// <summary>The app's release that wrote the row (<c>Vybe:Release</c>, else the build's version); null on rows from before releases were recorded.</summary>
    public string? Release { get; set; }

    /// <summary>What groups the row with others (<c>ErrorFingerprint</c>); set by the writer.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>The issue the row counted towards when it was written.</summary>
    public long? IssueId { get; set; }
}

public static class ErrorLogLevels
{
    public const string Error = "error";
    public const string Warn = "warn";
    public const string Info = "info";
    public static readonly IReadOnlyList<string> All = [Error, Warn, Info];
}

public static class ErrorLogEnvironments
{
    public static readonly IReadOnlyList<string> All = ["development", "test", "staging", "production"];

    /// <summary>Maps an ASP.NET Core environment name onto the four values the table accepts.</summary>
    public static string FromHostEnvironment(string environmentName) => environmentName.ToLowerInvariant() switch
    {
        "development" => "development",
        "staging" => "staging",
        "production" => "production",
        "test" or "testing" => "test",
        _ => "development",
    };
}
