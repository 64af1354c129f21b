using Learning.Data;

namespace Learning.IntegrationTests.Infrastructure;

/// <summary>Every integration test runs once per database (Orchard's PostgreSqlData attribute, as plain theory data).</summary>
public static class Databases
{
    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    public static string ContentRecipes(string file) => RepositoryRoot.File("content-recipes", file);
}
