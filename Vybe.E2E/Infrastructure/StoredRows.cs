using Npgsql;

namespace Vybe.E2E.Infrastructure;

/// <summary>
/// Reads what the app stored in its database, polling until the rows a test waits for are there.
/// The app writes some rows from background work (the error log's batch writer, Web Vitals beacons
/// sent as a page is left), so a test waits for that state instead of for a length of time.
/// </summary>
public static class StoredRows
{
    /// <summary>Generous: the rows normally arrive within a second; a busy machine only makes them later.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs <paramref name="sql"/> (with <paramref name="parameters"/> as named parameters) until
    /// <paramref name="done"/> holds for the rows it returns, and returns them; fails the test with
    /// <paramref name="describe"/>'s account of the last rows once <see cref="Deadline"/> has passed.
    /// </summary>
    public static async Task<List<T>> EventuallyAsync<T>(
        string connectionString,
        string sql,
        IReadOnlyDictionary<string, object> parameters,
        Func<NpgsqlDataReader, T> read,
        Func<List<T>, bool> done,
        Func<List<T>, string> describe)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var rows = new List<T>();
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var query = new NpgsqlCommand(sql, connection);
                foreach (var (name, value) in parameters)
                {
                    query.Parameters.AddWithValue(name, value);
                }
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(read(reader));
                }
            }
            if (done(rows))
            {
                return rows;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {Deadline.TotalSeconds:0} s in vain: {describe(rows)}");
            }
            await Task.Delay(PollInterval);
        }
    }
}
