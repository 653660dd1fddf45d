namespace Vybe.Web.Data;

/// <summary>
/// The keys of PostgreSQL's two-number advisory locks that the app takes, a key space apart from the
/// single-number locks of the history (one per owner).
/// </summary>
public static class AdvisoryLocks
{
    public const int Class = 0x56796265; // "Vybe"

    /// <summary>Applying migrations, one instance at a time.</summary>
    public const int Migrations = 1;

    /// <summary>
    /// Writing error-log rows and changing issues: one transaction at a time across instances, so rows
    /// are committed in id order (live tail's "id above the last shown" misses none) and issue
    /// counters and states are read and written without races.
    /// </summary>
    public const int ErrorLog = 2;
}
