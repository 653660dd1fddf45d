using Vybe.Web.Operations;

namespace Vybe.Web.Tests.Operations;

public sealed class DeploymentComparisonTests
{
    private static DeploymentInfo Info(
        string instance = "web-1",
        string version = "1.0.0+abc",
        IReadOnlyList<string>? applied = null,
        IReadOnlyList<string>? pending = null,
        Dictionary<string, string>? settings = null,
        Dictionary<string, bool>? secrets = null)
    {
        settings ??= new() { ["Vybe:Readings:Writer"] = "builtin", ["OpenAI:Model"] = "gpt-4o-mini" };
        return new DeploymentInfo
        {
            Version = version,
            Environment = "Production",
            Instance = instance,
            DatabaseProvider = "postgres",
            Migrations = new MigrationState(applied ?? ["0001_Initial", "0002_Readings"], pending ?? []),
            SettingsFingerprint = SettingsSnapshot.FingerprintOf(settings),
            Settings = settings,
            Secrets = secrets ?? new() { ["OpenAI:ApiKey"] = true, ["Sentry:Dsn"] = false },
        };
    }

    [Fact]
    public void Two_instances_that_differ_only_by_machine_are_the_same()
    {
        Assert.Empty(DeploymentComparison.Differences(Info(instance: "web-1"), Info(instance: "web-2")));
    }

    [Fact]
    public void Each_differing_setting_is_named_with_both_values_and_keys_ignore_case()
    {
        var a = Info(settings: new() { ["Vybe:Readings:Writer"] = "builtin", ["OpenAI:Model"] = "gpt-4o-mini", ["Vybe:History:MemberCap"] = "100" });
        var b = Info(settings: new() { ["VYBE:READINGS:WRITER"] = "openai", ["OpenAI:Model"] = "gpt-4o-mini", ["OpenAI:BaseUrl"] = "http://llm" });

        Assert.Equal(
        [
            "setting OpenAI:BaseUrl: A (not set) | B http://llm",
            "setting Vybe:History:MemberCap: A 100 | B (not set)",
            "setting Vybe:Readings:Writer: A builtin | B openai",
        ], DeploymentComparison.Differences(a, b));
    }

    [Fact]
    public void Version_migrations_and_secret_presence_differences_are_listed()
    {
        var a = Info(version: "1.1.0+def", applied: ["0001_Initial", "0002_Readings", "0003_Shares"],
            secrets: new() { ["OpenAI:ApiKey"] = true, ["Sentry:Dsn"] = true });
        var b = Info(pending: ["0003_Shares"], secrets: new() { ["OpenAI:ApiKey"] = true });

        Assert.Equal(
        [
            "version: A 1.1.0+def | B 1.0.0+abc",
            "migration 0003_Shares: applied on A only",
            "migration 0003_Shares: pending on B only",
            "secret Sentry:Dsn: A set | B (not set)",
        ], DeploymentComparison.Differences(a, b));
    }
}
