using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Modularity;

/// <summary>
/// Each module has exactly one <c>public sealed class Startup : ModuleStartup</c>. The host finds it by reflection,
/// calls <see cref="ConfigureServices"/> (dependencies before dependants) while building the container and <see cref="MapEndpoints"/> while building the pipeline.
/// </summary>
public abstract class ModuleStartup
{
    public virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
