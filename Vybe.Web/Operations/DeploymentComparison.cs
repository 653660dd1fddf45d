namespace Vybe.Web.Operations;

/// <summary>
/// The differences between two deployments' <see cref="DeploymentInfo"/>, one line each, for people to
/// read. The instance name is ignored: it differs between any two machines. Settings are compared
/// key by key (without case, as configuration keys are), so the line names the setting that differs.
/// </summary>
public static class DeploymentComparison
{
    public const string NotSet = "(not set)";

    public static IReadOnlyList<string> Differences(DeploymentInfo a, DeploymentInfo b)
    {
        var differences = new List<string>();
        Compare("version", a.Version, b.Version);
        Compare("release", a.Release ?? "(not reported)", b.Release ?? "(not reported)");
        Compare("environment", a.Environment, b.Environment);
        Compare("database provider", a.DatabaseProvider, b.DatabaseProvider);

        foreach (var migration in a.Migrations.Applied.Except(b.Migrations.Applied, StringComparer.Ordinal))
        {
            differences.Add($"migration {migration}: applied on A only");
        }
        foreach (var migration in b.Migrations.Applied.Except(a.Migrations.Applied, StringComparer.Ordinal))
        {
            differences.Add($"migration {migration}: applied on B only");
        }
        foreach (var migration in a.Migrations.Pending.Except(b.Migrations.Pending, StringComparer.Ordinal))
        {
            differences.Add($"migration {migration}: pending on A only");
        }
        foreach (var migration in b.Migrations.Pending.Except(a.Migrations.Pending, StringComparer.Ordinal))
        {
            differences.Add($"migration {migration}: pending on B only");
        }

        var settingsA = new Dictionary<string, string>(a.Settings, StringComparer.OrdinalIgnoreCase);
        var settingsB = new Dictionary<string, string>(b.Settings, StringComparer.OrdinalIgnoreCase);
        foreach (var key in settingsA.Keys.Union(settingsB.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            Compare($"setting {key}", settingsA.GetValueOrDefault(key) ?? NotSet, settingsB.GetValueOrDefault(key) ?? NotSet);
        }

        var secretsA = new Dictionary<string, bool>(a.Secrets, StringComparer.OrdinalIgnoreCase);
        var secretsB = new Dictionary<string, bool>(b.Secrets, StringComparer.OrdinalIgnoreCase);
        foreach (var key in secretsA.Keys.Union(secretsB.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            Compare($"secret {key}", Presence(secretsA.GetValueOrDefault(key)), Presence(secretsB.GetValueOrDefault(key)));
        }
        return differences;

        void Compare(string what, string valueA, string valueB)
        {
            if (!string.Equals(valueA, valueB, StringComparison.Ordinal))
            {
                differences.Add($"{what}: A {valueA} | B {valueB}");
            }
        }
    }

    private static string Presence(bool set) => set ? "set" : NotSet;
}
