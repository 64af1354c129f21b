using System.ComponentModel.DataAnnotations;

namespace Learning.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary><c>Learning:Database</c>. With nothing configured the site uses a SQLite file under <c>App_Data/</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Learning:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [MaxLength(2000)]
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts. Turn off where migrations are run by a deploy step.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
