using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace Learning.Web.Hosting;

/// <summary>Composition of the host: discover modules and themes, wire the shared services, build the pipeline.</summary>
public static class LearningHostExtensions
{
    /// <summary>
    /// The host's builder, with a content root that holds the host's own <c>appsettings.json</c> wherever it is started from:
    /// the working folder when it has one (<c>dotnet run</c>, a deployment folder), otherwise the folder of the built host
    /// (<c>dotnet src/Learning.Web/bin/Release/net10.0/Learning.Web.dll</c> from the repository root), so its logging and
    /// defaults always apply.
    /// </summary>
    public static WebApplicationBuilder CreateLearningBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot() });

    /// <summary>The working folder when it holds <c>appsettings.json</c>, else the built host's folder when that does, else null (the default).</summary>
    public static string? ContentRoot() =>
        !File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) && File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            ? AppContext.BaseDirectory
            : null;

    public static WebApplicationBuilder AddLearning(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Modules' and themes' static files: from the build output's manifest when one is there (a `dotnet build` run in any
        // environment), from wwwroot/_content after `dotnet publish` (no manifest, so this does nothing).
        builder.WebHost.UseStaticWebAssets();

        var catalog = services.AddLearningCore(builder.Configuration, builder.Environment);
        services.AddSingleton<IHostProcesses, HostProcesses>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<StorageHealthCheck>("storage");

        // Vietnamese text goes out as UTF-8, not as &#x1EC7; entities: a third of the bytes on a weak link, and readable.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(LocalTime.SupportedCultures[0]);
            o.SupportedCultures = [.. LocalTime.SupportedCultures];
            o.SupportedUICultures = [.. LocalTime.SupportedCultures];

            // Vietnamese first: the browser's Accept-Language does not override it, only the user's own choice does.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddSingleton<IPermissionProvider, AdminPermissions>();
        services.AddSingleton<SiteState>();
        services.AddSingleton<DatabaseOutage>();
        services.AddScoped<ISiteContext, RequestSiteContext>();
        services.AddScoped<SetupService>();
        services.AddSingleton<ThemeLayoutSelector>();
        services.AddScoped<IAdminMenuProvider, HostAdminMenu>();
        services.AddScoped<IDashboardCardProvider, JobsDashboard>();
        services.AddScoped<ISiteMenuProvider, HostSiteMenu>();

        // Pages and JSON compressed for 2G links (Brotli first, then gzip, at the fastest level: a few percent larger than the
        // best, a fraction of its CPU). Static files come precompressed from the build (MapStaticAssets).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes
                .Concat(["application/problem+json", "image/svg+xml", "text/vtt", "application/vnd.apple.mpegurl"]);
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

        var mvc = services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder(AdminArea.PathPrefix, AdminArea.Policy);
            })
            .AddViewLocalization()
            .ConfigureApplicationPartManager(parts =>
            {
                var disabled = catalog.Modules.Where(m => !m.Enabled).Select(m => m.Assembly.GetName().Name).ToHashSet();
                foreach (var part in parts.ApplicationParts.OfType<AssemblyPart>().Where(p => disabled.Contains(p.Assembly.GetName().Name)).ToList())
                {
                    parts.ApplicationParts.Remove(part);
                }

                foreach (var assembly in catalog.EnabledModules.Select(m => m.Assembly).Concat(catalog.Themes.Select(t => t.Assembly)))
                {
                    if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
                    {
                        parts.ApplicationParts.Add(new AssemblyPart(assembly));
                    }
                }
            });

        // X-Forwarded-* is honoured only from the proxies named in configuration (loopback when none is named): a client that
        // reaches a node directly cannot pick its own address and so cannot escape the per-address sign-in limit.
        services.AddValidatedOptions<ReverseProxyOptions>(ReverseProxyOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((o, proxy) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = 1;
            if (proxy.Value.KnownProxies.Length + proxy.Value.KnownNetworks.Length > 0)
            {
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                foreach (var address in proxy.Value.KnownProxies)
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(address));
                }

                foreach (var network in proxy.Value.KnownNetworks)
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
        });

        services.AddLearningModules(catalog, builder.Configuration);
        return builder;
    }

    /// <summary>
    /// What every process of the host has, the web node and a command's process alike (<see cref="HostCommands"/>): the module
    /// catalog, the clock, the database and its jobs, storage and localization. Returns the catalog.
    /// </summary>
    public static ModuleCatalog AddLearningCore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Vietnamese first, also outside requests: the setup and recipe commands speak to the console in Vietnamese.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = LocalTime.SupportedCultures[0];
        var catalog = ModuleCatalog.Discover(configuration);
        services.AddSingleton(catalog);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddTransient(typeof(Lazy<>), typeof(Deferred<>));

        services.AddLearningData(configuration, environment, new ModelAssemblies(catalog.ModelAssemblies));
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        services.AddValidatedOptions<HostProcessOptions>(HostProcessOptions.Section);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, CachedStringLocalizerFactory>());
        return catalog;
    }

    /// <summary>The enabled modules' own services (each module's <see cref="ModuleStartup.ConfigureServices"/>).</summary>
    public static IServiceCollection AddLearningModules(this IServiceCollection services, ModuleCatalog catalog, IConfiguration configuration)
    {
        var startups = catalog.EnabledModules
            .Where(m => m.StartupType is not null)
            .Select(m => (ModuleStartup)Activator.CreateInstance(m.StartupType!)!)
            .ToList();
        foreach (var startup in startups)
        {
            startup.ConfigureServices(services, configuration);
        }

        // Modules record learning events whether or not a module (Reports) keeps them.
        services.TryAddScoped<ILearningEvents, NoLearningEvents>();

        services.AddSingleton<IReadOnlyList<ModuleStartup>>(startups);
        return services;
    }

    public static WebApplication UseLearning(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseResponseCompression();
        app.UseExceptionHandler("/Error");
        app.UseMiddleware<DatabaseOutageMiddleware>();
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<SetupGateMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        // With the static assets' manifest, the pages' <link>/<script> tags name each file by its fingerprint, which is served
        // "immutable" for a year: a browser on 2G never asks for a theme's CSS again until it changes.
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health").AllowAnonymous();

        // Liveness without the database: for load balancers, and the baseline of the throughput benchmarks.
        app.MapGet("/ping", () => "pong").AllowAnonymous();
        // Modules map their endpoints into one group whose convention gives every route under /Admin the Admin.Access
        // requirement, as the Razor folder convention does for pages: a custom role without it reaches neither.
        var modules = app.MapGroup("");
        ((IEndpointConventionBuilder)modules).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && AdminArea.IsAdminRoute(route.RoutePattern.RawText))
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(AdminArea.Policy));
            }
        });
        foreach (var startup in app.Services.GetRequiredService<IReadOnlyList<ModuleStartup>>())
        {
            startup.MapEndpoints(modules);
        }

        return app;
    }
}
