using Microsoft.EntityFrameworkCore;

namespace Learning.Data;

/// <summary>
/// Contexts for the heaviest reads (reports, exports, the data API): on <c>Learning:Database:ReadConnectionString</c> when one is
/// configured (a streaming standby: what it returns may lag the primary by the replication delay), otherwise on the primary.
/// They do not track and must not be saved: every write goes through the scoped <see cref="LearningDbContext"/>.
/// </summary>
public interface IReadDbContextFactory
{
    /// <summary>True when reads go to <c>ReadConnectionString</c> rather than the primary.</summary>
    bool UsesReadConnection { get; }

    /// <summary>A new context the caller disposes.</summary>
    LearningDbContext CreateDbContext();
}

internal sealed class ReadDbContextFactory : IReadDbContextFactory
{
    private readonly DbContextOptions<LearningDbContext> options;

    public ReadDbContextFactory(DatabaseOptions databaseOptions, DatabaseConnection primary, ModelAssemblies modelAssemblies)
    {
        UsesReadConnection = !string.IsNullOrWhiteSpace(databaseOptions.ReadConnectionString);
        var builder = new DbContextOptionsBuilder<LearningDbContext>();
        DataServiceCollectionExtensions.Configure(builder, primary.Provider, UsesReadConnection ? databaseOptions.ReadConnectionString! : primary.ConnectionString);
        builder.UseModelAssemblies(modelAssemblies);
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        options = builder.Options;
    }

    public bool UsesReadConnection { get; }

    public LearningDbContext CreateDbContext() => new(options);
}
