using Learning.Data;

namespace Learning.IntegrationTests.Infrastructure;

/// <summary>Every integration test runs once per database (Orchard's PostgreSqlData attribute, as plain theory data).</summary>
public static class Databases
{
    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    public static string ContentRecipes(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content-recipes", file);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Learning.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(file);
    }
}
