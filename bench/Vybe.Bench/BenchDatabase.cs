using Npgsql;

namespace Vybe.Bench;

/// <summary>A fresh database on the server in VYBE_TEST_POSTGRES, dropped when disposed.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;

    private BenchDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string serverConnectionString, string purpose)
    {
        var name = $"vybe_bench_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE \"{name}\"");
        return new BenchDatabase(serverConnectionString, name);
    }

    public async Task<long> CountErrorLogRowsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM error_logs", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public static async Task<string> ServerVersionAsync(string serverConnectionString)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(serverConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
