using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Vybe.Web.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVybeDbContext>
{
    public PostgresVybeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVybeDbContext>().UseNpgsql("Host=localhost;Database=vybe_design").Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVybeDbContext>
{
    public SqliteVybeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite("Data Source=design.db").Options);
}
