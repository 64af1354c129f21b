using Learning.Data.Entities;
using Learning.Data.Jobs;
using Learning.Data.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    public static IServiceCollection AddLearningData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, ModelAssemblies modelAssemblies)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(modelAssemblies);
        var connectionString = ResolveConnectionString(options, environment.ContentRootPath);
        services.AddDbContext<LearningDbContext>((sp, db) =>
        {
            Configure(db, options.Provider, connectionString);
            db.AddInterceptors(sp.GetRequiredService<Security.SecurityStampSaveInterceptor>(), sp.GetRequiredService<Security.SecurityStampTransactionInterceptor>());
        });

        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseMigrationHostedService>();
        services.AddSecurityStamps(); // its listener starts after the migrations
        services.AddScoped<IAuditTrail, AuditTrail>();

        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section);
        services.AddScoped<IJobQueue, JobQueue>();
        services.AddScoped<JobStore>();
        services.AddSingleton<JobWorker>();
        services.AddSingleton<RecurringScheduler>();
        if (configuration.GetSection(JobOptions.Section).Get<JobOptions>()?.RunWorker ?? true)
        {
            services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        }

        // The key ring in the database, so every node decrypts the cookies and tokens the others issued; protected at rest by
        // a certificate when one is configured (Learning:DataProtection:CertificatePath and CertificatePassword).
        var dataProtection = services.AddDataProtection().SetApplicationName("Learning").PersistKeysToDbContext<LearningDbContext>();
        if (configuration["Learning:DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, configuration["Learning:DataProtection:CertificatePassword"]);
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
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
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly)
                    .EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }
    }

    public static string ResolveConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException($"{DatabaseOptions.Section}:ConnectionString is required for {options.Provider}.");
        }

        var folder = Path.Combine(contentRoot, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "learning.db")}";
    }
}
