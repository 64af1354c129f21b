using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Learning.Data;

/// <summary>Puts the enabled modules' assemblies into a context's options (<see cref="ModelAssembliesExtension"/>).</summary>
public static class ModelAssembliesOptions
{
    public static DbContextOptionsBuilder UseModelAssemblies(this DbContextOptionsBuilder builder, ModelAssemblies assemblies)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ModelAssembliesExtension(assemblies));
        return builder;
    }
}
