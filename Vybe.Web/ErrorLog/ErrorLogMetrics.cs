using System.Diagnostics.Metrics;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// What the background writer does, as .NET metrics on the meter <c>Vybe.ErrorLog</c>: for operators
/// (<c>dotnet-counters monitor --counters Vybe.ErrorLog</c>, or any OpenTelemetry exporter) and for
/// the tests, which listen to one writer's meter. Measurements are counted, never kept: nothing here
/// grows with the number of batches, retries or rows.
/// </summary>
public sealed class ErrorLogMetrics
{
    public const string MeterName = "Vybe.ErrorLog";
    public const string RetryDelayInstrument = "vybe.error_log.retry.delay";
    public const string RowsWrittenInstrument = "vybe.error_log.rows.written";
    public const string RowsToConsoleInstrument = "vybe.error_log.rows.console";

    /// <summary>The tag of <see cref="RowsToConsoleInstrument"/> that says why a row went to the console.</summary>
    public const string ReasonTag = "reason";

    /// <summary>The database refused the row itself (its data); its batch's other rows were written one by one.</summary>
    public const string RefusedReason = "refused";

    /// <summary>The database could not be reached, after the retries.</summary>
    public const string UnreachableReason = "unreachable";

    /// <summary>Shutdown ran out of time before the row was written.</summary>
    public const string ShutdownReason = "shutdown";

    private readonly Histogram<double> retryDelay;
    private readonly Counter<long> rowsWritten;
    private readonly Counter<long> rowsToConsole;

    public ErrorLogMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        retryDelay = meter.CreateHistogram<double>(RetryDelayInstrument, "ms", "How long the writer waited before retrying a write that failed.");
        rowsWritten = meter.CreateCounter<long>(RowsWrittenInstrument, "{row}", "Rows that reached the database.");
        rowsToConsole = meter.CreateCounter<long>(RowsToConsoleInstrument, "{row}", "Rows written to the console instead of the database, by reason.");
    }

    public void Retried(TimeSpan delay) => retryDelay.Record(delay.TotalMilliseconds);

    public void Written(int rows) => rowsWritten.Add(rows);

    public void SentToConsole(int rows, string reason) => rowsToConsole.Add(rows, new KeyValuePair<string, object?>(ReasonTag, reason));
}
