using Microsoft.EntityFrameworkCore.Design;

namespace Learning.Data.PostgreSql;

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<LearningDbContext>
{
    public LearningDbContext CreateDbContext(string[] args) =>
        DesignTimeContextFactory.Create(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=learning_design");
}
