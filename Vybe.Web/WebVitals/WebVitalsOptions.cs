using Vybe.Web.ErrorLog;

namespace Vybe.Web.WebVitals;

public sealed class WebVitalsOptions
{
    public const string Section = "Vybe:WebVitals";

    /// <summary>Largest report accepted, in bytes.</summary>
    public int MaxReportBytes { get; set; } = 4 * 1024;

    /// <summary>Days samples are kept; unset means as long as the error log keeps its rows.</summary>
    public int? RetentionDays { get; set; }

    public int RetentionBatchSize { get; set; } = 5_000;

    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);

    public int EffectiveRetentionDays(ErrorLogOptions errorLog) => RetentionDays ?? errorLog.RetentionDays;
}
