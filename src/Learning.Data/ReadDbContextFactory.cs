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

    /// <summary>
    /// A new context whose queries stream their rows as they arrive, for long results read once (an export's 200,000 rows, the
    /// medians' pass over every scored enrolment). The other contexts retry a command after a dropped connection, and EF Core
    /// buffers the whole result of every query of such a context first (measured: +250 MB for a 200,000-row export); this one
    /// does not retry: a dropped connection fails the read, and the caller's request with it.
    /// </summary>
    LearningDbContext CreateStreamingDbContext();
}

internal sealed class ReadDbContextFactory : IReadDbContextFactory
{
    private readonly DbContextOptions<LearningDbContext> options;
    private readonly DbContextOptions<LearningDbContext> streamingOptions;

    public ReadDbContextFactory(DatabaseOptions databaseOptions, DatabaseConnection primary, ModelAssemblies modelAssemblies)
    {
        UsesReadConnection = !string.IsNullOrWhiteSpace(databaseOptions.ReadConnectionString);
        var connectionString = UsesReadConnection ? databaseOptions.ReadConnectionString! : primary.ConnectionString;
        DbContextOptions<LearningDbContext> Build(bool retryOnFailure)
        {
            var builder = new DbContextOptionsBuilder<LearningDbContext>();
            DataServiceCollectionExtensions.Configure(builder, primary.Provider, connectionString, retryOnFailure);
            builder.UseModelAssemblies(modelAssemblies);
            builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            return builder.Options;
        }

        options = Build(retryOnFailure: true);
        streamingOptions = Build(retryOnFailure: false);
    }

    public bool UsesReadConnection { get; }

    public LearningDbContext CreateDbContext() => new(options);

    public LearningDbContext CreateStreamingDbContext() => new(streamingOptions);
}
