using Microsoft.EntityFrameworkCore.Design;

namespace Learning.Data.Sqlite;

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<LearningDbContext>
{
    public LearningDbContext CreateDbContext(string[] args) =>
        DesignTimeContextFactory.Create(DatabaseProvider.Sqlite, "Data Source=design-time.db");
}
