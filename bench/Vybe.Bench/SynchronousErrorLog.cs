using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;

namespace Vybe.Bench;

/// <summary>
/// The design the app does not use, for comparison only: every <see cref="Write"/> inserts its row
/// with a context of its own and a blocking SaveChanges, so the caller waits for the database.
/// Unlike the real logger it adds no request context and does not redact details.
/// </summary>
public sealed class SynchronousErrorLog(
    IServiceScopeFactory scopes,
    IHostEnvironment hostEnvironment,
    IOptions<ErrorLogOptions> options,
    TimeProvider clock) : IErrorLog
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);
    private readonly string environment = ErrorLogEnvironments.FromHostEnvironment(hostEnvironment.EnvironmentName);
    private long failures;

    /// <summary>Inserts that threw (swallowed, as the error log never throws).</summary>
    public long Failures => Interlocked.Read(ref failures);

    public void Write(string level, string message, string? code = null, object? details = null, string? service = null)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
            db.ErrorLogs.Add(new ErrorLogEntry
            {
                Ts = clock.GetUtcNow(),
                Environment = environment,
                Service = service ?? options.Value.Service,
                Level = ErrorLogLevels.All.Contains(level) ? level : ErrorLogLevels.Error,
                Code = code,
                Message = message,
                Details = details is null ? null : JsonSerializer.Serialize(details, DetailsJson),
            });
            db.SaveChanges();
        }
        catch (Exception)
        {
            Interlocked.Increment(ref failures);
        }
    }
}
