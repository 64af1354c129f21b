using System.Linq.Expressions;
using System.Reflection;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Learning.Data;

/// <summary>
/// The one store. It owns identity and the core tables, and applies the <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes of every installed module, so there is one migration set per provider.
/// <para>Add a migration (from the repository root):</para>
/// <code>
/// dotnet ef migrations add NAME --project src/Learning.Data.Sqlite --startup-project src/Learning.Data.Sqlite
/// dotnet ef migrations add NAME --project src/Learning.Data.PostgreSql --startup-project src/Learning.Data.PostgreSql
/// </code>
/// </summary>
public sealed class LearningDbContext(DbContextOptions<LearningDbContext> options)
    : IdentityDbContext<LearningUser, LearningRole, string>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The enabled modules' assemblies, from the options (<see cref="ModelAssembliesOptions.UseModelAssemblies"/>):
    /// contexts are pooled, and a pooled context takes its options only.</summary>
    private readonly ModelAssemblies modelAssemblies = options.FindExtension<ModelAssembliesExtension>()?.Assemblies
        ?? throw new InvalidOperationException("LearningDbContext needs UseModelAssemblies in its options.");

    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The data-protection key ring, shared by every node (PersistKeysToDbContext).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<LearningUser>(b =>
        {
            b.ToTable("identity_user");
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.PreferredCulture).HasMaxLength(10);
        });
        builder.Entity<LearningRole>().ToTable("identity_role");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().ToTable("identity_user_role");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("identity_user_claim");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("identity_user_login");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>>().ToTable("identity_role_claim");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("identity_user_token");

        builder.ApplyConfigurationsFromAssembly(typeof(LearningDbContext).Assembly);
        foreach (var assembly in modelAssemblies.Assemblies.Where(OwnsEntities))
        {
            builder.ApplyConfigurationsFromAssembly(assembly);
        }

        var text = this.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(string))!;
        builder.HasDbFunction(typeof(DbText).GetMethod(nameof(DbText.Unbounded))!)
            .HasTranslation(args => new SqlUnaryExpression(ExpressionType.Convert, args[0], typeof(string), text));

        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IHasSearchText).IsAssignableFrom(t.ClrType)).ToList())
        {
            builder.Entity(type.ClrType).Property(nameof(IHasSearchText.SearchText)).HasMaxLength(1000);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareForSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareForSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Every searchable row saved carries its folded text, however it was changed (pages, recipes, imports, Identity); and no
    /// name or title keeps a bidirectional control character (U+202A–U+202E, U+2066–U+2069), which would let "…\u202Eexe.txt"
    /// show as "…txt.exe" to an administrator.
    /// </summary>
    private void PrepareForSave()
    {
        // One pass over the changed entries (Entries() detects changes once here, and SaveChanges once more), reading only the
        // properties that need it (reading every property of every entry boxed each value; it showed in the quiz start's profile).
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in ChangeTracker.Entries())
            {
                if (entry.State is not (EntityState.Added or EntityState.Modified))
                {
                    continue;
                }

                StripBidirectionalControls(entry);
                if (entry.Entity is IHasSearchText searchable)
                {
                    var folded = Learning.Modularity.SearchText.Fold(searchable.TextToSearch);
                    if (searchable.SearchText != folded)
                    {
                        searchable.SearchText = folded;
                    }
                }
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static void StripBidirectionalControls(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        foreach (var name in NameProperties.GetOrAdd(entry.Metadata.Name, static (_, type) => type.GetProperties()
            .Where(p => p.ClrType == typeof(string) && IsNameOrTitle(p.Name)).Select(p => p.Name).ToArray(), entry.Metadata))
        {
            var property = entry.Property(name);
            if (property.CurrentValue is string text && text.AsSpan().IndexOfAny(BidiControls) >= 0)
            {
                property.CurrentValue = string.Concat(text.Where(c => !BidiControls.Contains(c)));
            }
        }
    }

    /// <summary>Per entity type (by name: the same in every model built), its string properties that hold a name or a title.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> NameProperties = new();

    private static readonly System.Buffers.SearchValues<char> BidiControls = System.Buffers.SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    private static bool IsNameOrTitle(string property) =>
        property.EndsWith("Name", StringComparison.Ordinal) || property.EndsWith("Title", StringComparison.Ordinal) || property == "Position";

    /// <summary>Fills the folded text of rows saved before the column existed; run after migrating. Returns how many.</summary>
    public async Task<int> FillSearchTextAsync(CancellationToken cancellationToken)
    {
        var filled = 0;
        foreach (var type in Model.GetEntityTypes().Where(t => typeof(IHasSearchText).IsAssignableFrom(t.ClrType)).Select(t => t.ClrType).ToList())
        {
            var fill = typeof(LearningDbContext).GetMethod(nameof(FillAsync), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type);
            filled += await (Task<int>)fill.Invoke(this, [cancellationToken])!;
        }

        return filled;
    }

    private async Task<int> FillAsync<T>(CancellationToken cancellationToken)
        where T : class, IHasSearchText
    {
        var filled = 0;
        while (true)
        {
            var batch = await Set<T>().Where(e => e.SearchText == null).Take(1000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return filled;
            }

            foreach (var entity in batch)
            {
                entity.SearchText = Learning.Modularity.SearchText.Fold(entity.TextToSearch);
            }

            await SaveChangesAsync(cancellationToken);
            ChangeTracker.Clear();
            filled += batch.Count;
        }
    }

    private static bool OwnsEntities(Assembly assembly) =>
        assembly.GetTypes().Any(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back as Unspecified and Npgsql insists on Utc for timestamptz: pin the kind both ways.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

/// <summary>The module assemblies that contribute entity configurations. Fixed for the life of the process.</summary>
public sealed class ModelAssemblies(IEnumerable<Assembly> assemblies)
{
    public IReadOnlyList<Assembly> Assemblies { get; } = assemblies.Distinct().ToList();
}
