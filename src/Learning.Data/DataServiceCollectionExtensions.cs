using Learning.Data.Entities;
using Learning.Data.Jobs;
using Learning.Data.Security;
using Learning.Modularity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Learning.Data.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "Learning.Data.PostgreSql";

    /// <summary>How many contexts the short-lease factory keeps warm (more than the sections that lease them run at once).</summary>
    private const int ShortLeasePoolSize = 64;

    public static IServiceCollection AddLearningData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, ModelAssemblies modelAssemblies)
    {
        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSingleton(modelAssemblies);
        services.AddSingleton(sp => ResolveConnection(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, environment.ContentRootPath));
        // Pooled: a lesson page (the page cadres open most) no longer builds options and a context per request.
        services.AddDbContextPool<LearningDbContext>((sp, db) =>
        {
            var connection = sp.GetRequiredService<DatabaseConnection>();
            Configure(db, connection.Provider, connection.ConnectionString);
            db.UseModelAssemblies(sp.GetRequiredService<ModelAssemblies>());
            db.AddInterceptors(sp.GetRequiredService<Security.SecurityStampSaveInterceptor>(), sp.GetRequiredService<Security.SecurityStampTransactionInterceptor>());
        });

        // Short leases from a small pool of their own, over the same options: a read inside a bounded section (the exam's start
        // gate) takes a context and gives it back at once. A request-scoped context is held until the response is written, so a
        // wave of thousands of requests empties the pool above and each of them builds and initialises a context of its own.
        services.AddSingleton<IDbContextFactory<LearningDbContext>>(sp =>
            new PooledDbContextFactory<LearningDbContext>(sp.GetRequiredService<DbContextOptions<LearningDbContext>>(), ShortLeasePoolSize));

        services.AddSingleton<IReadDbContextFactory>(sp => new ReadDbContextFactory(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<DatabaseConnection>(), sp.GetRequiredService<ModelAssemblies>()));
        services.AddSingleton<ReadConsistency>();

        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseMigrationHostedService>();
        services.AddSecurityStamps(); // its listener starts after the migrations
        services.AddScoped<IAuditTrail, AuditTrail>();

        services.AddValidatedOptions<JobOptions>(JobOptions.Section);
        services.AddScoped<IJobQueue, JobQueue>();
        services.AddScoped<JobStore>();
        services.AddSingleton<JobWorker>();
        services.AddSingleton<RecurringScheduler>();
        services.AddScoped<JobRetention>();
        services.AddScoped<IJobHandler, JobRetentionJob>();
        services.AddRecurringJob(JobRetentionJob.JobKind, JobRetentionJob.JobKind, RecurringSchedule.Cron(JobRetentionJob.Schedule));
        if (configuration.GetValidated<JobOptions>(JobOptions.Section).RunWorker)
        {
            services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        }

        // The key ring in the database, so every node decrypts the cookies and tokens the others issued; protected at rest by
        // a certificate when one is configured.
        var dataProtection = services.AddDataProtection().SetApplicationName("Learning").PersistKeysToDbContext<LearningDbContext>();
        var keyCertificate = configuration.GetValidated<DataProtectionCertificateOptions>(DataProtectionCertificateOptions.Section);
        if (keyCertificate.CertificatePath is { Length: > 0 } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(LoadCertificate(certificatePath, keyCertificate.CertificatePassword));
        }

        return services;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new OptionsValidationException(DataProtectionCertificateOptions.Section, typeof(DataProtectionCertificateOptions),
                [$"{DataProtectionCertificateOptions.Section}:CertificatePath, {DataProtectionCertificateOptions.Section}:CertificatePassword: '{path}' cannot be opened as PKCS#12 with that password ({ex.Message})."]);
        }
    }

    /// <summary>
    /// The provider and its options. <paramref name="retryOnFailure"/> (PostgreSQL) retries a command after a dropped connection;
    /// EF Core then buffers every query's whole result before the first row is returned, so the streaming reads of
    /// <see cref="IReadDbContextFactory.CreateStreamingDbContext"/> turn it off.
    /// </summary>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, bool retryOnFailure = true)
    {
        // A failed command is an exception its caller handles (a retry, a 503, an error page that logs it); EF Core's own
        // per-command error lines would repeat one outage once per request.
        builder.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.PostgreSql:
                // A restart or a dropped connection is retried (three times within a few seconds); what still fails is a 503.
                builder.UseNpgsql(connectionString, o =>
                {
                    o.MigrationsAssembly(PostgreSqlMigrationsAssembly);
                    if (retryOnFailure)
                    {
                        o.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null);
                    }
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }
    }

    /// <summary>The configured connection (validated on start: PostgreSQL has a connection string), or SQLite's file under <c>App_Data/</c>.</summary>
    public static DatabaseConnection ResolveConnection(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new(options.Provider, options.ConnectionString);
        }

        var folder = Path.Combine(contentRoot, "App_Data");
        Directory.CreateDirectory(folder);
        return new(options.Provider, $"Data Source={Path.Combine(folder, "learning.db")}");
    }
}
