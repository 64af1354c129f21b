using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Learning.Data;

/// <summary>Builds the context for <c>dotnet ef</c> from the module assemblies next to the migrations project.</summary>
public static class DesignTimeContextFactory
{
    public static LearningDbContext Create(DatabaseProvider provider, string connectionString)
    {
        var catalog = ModuleCatalog.Discover(new ConfigurationBuilder().Build());
        var builder = new DbContextOptionsBuilder<LearningDbContext>();
        DataServiceCollectionExtensions.Configure(builder, provider, connectionString);
        builder.UseModelAssemblies(new ModelAssemblies(catalog.ModelAssemblies));
        return new LearningDbContext(builder.Options);
    }
}
