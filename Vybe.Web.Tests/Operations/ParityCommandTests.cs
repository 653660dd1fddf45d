using System.Net;
using System.Net.Sockets;
using Vybe.Web.Commands;
using Vybe.Web.Operations;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Operations;

/// <summary>
/// Three instances of the built app on one database: the first and the third configured alike, the
/// second with another reading writer, as after a configuration change that reached one machine only.
/// </summary>
public sealed class ThreeInstances : IAsyncLifetime
{
    public const string Token = "parity-test-token-0123456789abcdef0123456789";

    private readonly string mailDirectory = Directory.CreateTempSubdirectory("vybe-parity-mail-").FullName;
    private string connectionString = "";

    public AppServer First { get; private set; } = null!;

    public AppServer Changed { get; private set; } = null!;

    public AppServer Third { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("parity");
        First = await AppServer.StartAsync(Environment(writer: "builtin"));
        Changed = await AppServer.StartAsync(Environment(writer: "auto"));
        Third = await AppServer.StartAsync(Environment(writer: "builtin"));
    }

    private Dictionary<string, string> Environment(string writer)
    {
        var environment = AppCommand.PostgresEnvironment(connectionString);
        environment["Vybe__Email__PickupDirectory"] = mailDirectory;
        environment["Vybe__Ops__InfoToken"] = Token;
        environment["Vybe__Readings__Writer"] = writer;
        return environment;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { First, Changed, Third })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
        await TestPostgres.DropDatabaseAsync(connectionString);
        Directory.Delete(mailDirectory, recursive: true);
    }
}

public sealed class ParityCommandTests(ThreeInstances instances) : IClassFixture<ThreeInstances>
{
    /// <summary>
    /// The command as an operator runs it, with a database setting that leads nowhere: it must not
    /// need one.
    /// </summary>
    private static Task<AppCommand.Result> ParityAsync(Uri a, Uri b, string? token = ThreeInstances.Token) =>
        AppCommand.RunAsync(["parity", a.ToString(), b.ToString()], new Dictionary<string, string>
        {
            ["Vybe__Database__Provider"] = "postgres",
            ["ConnectionStrings__Vybe"] = "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Password=none;Timeout=1",
            [ParityCommand.TokenVariable] = token ?? "",
        });

    [Fact]
    public async Task Two_instances_configured_alike_are_reported_the_same_with_exit_code_0()
    {
        var result = await ParityAsync(instances.First.Address, instances.Third.Address);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("No differences", result.Output);
        Assert.DoesNotContain(ThreeInstances.Token, result.Output);
    }

    [Fact]
    public async Task An_instance_with_a_different_setting_is_reported_with_the_setting_and_exit_code_1()
    {
        var result = await ParityAsync(instances.First.Address, instances.Changed.Address);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("1 difference(s):", result.Output);
        Assert.Contains("setting Vybe:Readings:Writer: A builtin | B auto", result.Output);
    }

    [Fact]
    public async Task The_address_may_be_given_with_the_info_path()
    {
        var result = await ParityAsync(new Uri(instances.First.Address, OpsInfoEndpoint.Path), instances.Third.Address);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task A_wrong_token_is_an_error_with_exit_code_2()
    {
        var result = await ParityAsync(instances.First.Address, instances.Third.Address, token: "wrong-token-wrong-token-wrong-token");

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("refused the token (401)", result.Output);
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_404_and_an_error_with_exit_code_2()
    {
        var result = await ParityAsync(instances.First.Address, instances.Third.Address, token: null);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("answered 404", result.Output);
    }

    [Fact]
    public async Task An_unreachable_deployment_is_an_error_with_exit_code_2()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await ParityAsync(instances.First.Address, new Uri($"http://127.0.0.1:{closedPort}/"));

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("Could not reach", result.Output);
    }
}
