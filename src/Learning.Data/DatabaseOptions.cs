using System.ComponentModel.DataAnnotations;

namespace Learning.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary><c>Learning:Database</c>. With nothing configured the site uses a SQLite file under <c>App_Data/</c>.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Learning:Database";

    /// <summary>A name that is not a provider fails the binding at start, naming the key; a number that is not one fails here.</summary>
    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "not a provider (Sqlite or PostgreSql).")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [MaxLength(2000)]
    public string? ConnectionString { get; set; }

    /// <summary>Optional: where reports, exports and the data API read (a streaming standby, or an Npgsql multi-host string with
    /// <c>Target Session Attributes=prefer-standby</c>). Writes always go to <see cref="ConnectionString"/>. PostgreSQL only.</summary>
    [MaxLength(2000)]
    public string? ReadConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts. Turn off where migrations are run by a deploy step.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult($"required with {Provider} (only SQLite has a default, App_Data/learning.db).", [nameof(ConnectionString)]);
        }

        if (Provider == DatabaseProvider.Sqlite && !string.IsNullOrWhiteSpace(ReadConnectionString))
        {
            yield return new ValidationResult("PostgreSQL only: SQLite has no standby to read from.", [nameof(ReadConnectionString)]);
        }
    }
}

/// <summary>The provider and connection string the context is built with: the configured ones, or SQLite's default file.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString);
