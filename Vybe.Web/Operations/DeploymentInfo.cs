namespace Vybe.Web.Operations;

/// <summary>
/// What <c>/ops/info</c> reports about one running instance, and what <c>parity</c> compares: never a
/// secret's value, only whether each secret is set.
/// </summary>
public sealed record DeploymentInfo
{
    /// <summary>The app's informational version (the package version and the commit it was built from).</summary>
    public required string Version { get; init; }

    /// <summary>The release the error log records on its rows (<see cref="ErrorLog.AppRelease"/>): the version unless <c>Vybe:Release</c> says otherwise.</summary>
    public string? Release { get; init; }

    public required string Environment { get; init; }

    /// <summary>The machine that answered; expected to differ between instances, so <c>parity</c> ignores it.</summary>
    public required string Instance { get; init; }

    public required string DatabaseProvider { get; init; }

    public required MigrationState Migrations { get; init; }

    /// <summary>SHA-256 (hex) of <see cref="Settings"/>: equal fingerprints mean equal non-secret settings.</summary>
    public required string SettingsFingerprint { get; init; }

    /// <summary>The non-secret settings (see <see cref="SettingsSnapshot"/>), key → value.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>The secrets the app knows about, and any setting that looks like one: key → whether it is set.</summary>
    public required IReadOnlyDictionary<string, bool> Secrets { get; init; }
}

public sealed record MigrationState(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending);
