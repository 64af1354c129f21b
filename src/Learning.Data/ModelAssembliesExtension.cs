using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Data;

/// <summary>
/// Carries the enabled modules' assemblies in the context's options, so that <see cref="LearningDbContext"/> has the one
/// constructor DbContext pooling needs (options only) and still builds its model from every module's configurations.
/// </summary>
public sealed class ModelAssembliesExtension(ModelAssemblies assemblies) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? info;

    public ModelAssemblies Assemblies { get; } = assemblies;

    public DbContextOptionsExtensionInfo Info => info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}
