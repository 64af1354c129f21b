using System.Threading.RateLimiting;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Users.Recipes;
using Learning.Users.Services;
using Learning.Users.Services.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Users;

public sealed class Startup : ModuleStartup
{
    public const string LoginRateLimitPolicy = "login";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section);
        services.AddValidatedOptions<PublicAddressOptions>(PublicAddressOptions.Section);
        services.AddIdentity<LearningUser, LearningRole>()
            .AddEntityFrameworkStores<LearningDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName)
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        // Each kind of e-mailed link has its own protector and lifespan: an invitation may wait a week, a reset link not.
        services.AddOptions<InvitationTokenOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.Name = InvitationTokenProvider.ProviderName;
            o.TokenLifespan = TimeSpan.FromHours(security.Value.InvitationLifetimeHours);
        });
        services.AddOptions<PasswordResetTokenOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.Name = PasswordResetTokenProvider.ProviderName;
            o.TokenLifespan = TimeSpan.FromHours(security.Value.PasswordResetLifetimeHours);
        });
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.User.RequireUniqueEmail = true;
            o.Password.RequiredLength = security.Value.PasswordMinLength;
            o.Password.RequireDigit = true;
            o.Password.RequireLowercase = true;
            o.Password.RequireUppercase = true;
            o.Password.RequireNonAlphanumeric = false;
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = security.Value.MaxFailedAccessAttempts;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.Value.LockoutMinutes);
            o.SignIn.RequireConfirmedAccount = false;
            o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "learning.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;

            // Every request checks the stamp (one read), then Identity's own periodic validation refreshes the claims. That
            // one is called only once its interval has passed, the test Identity's validator makes first: resolving the
            // validator builds a SignInManager and a UserManager (every token provider), about 2 % of the host's processor
            // time on an exam's saves when done on every request (bench/README).
            var identityValidation = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                await SecurityStampCheck.ValidateAsync(context);
                if (context.Principal is not null && SecurityStampCheck.IdentityValidationDue(context))
                {
                    await identityValidation(context);
                }
            };
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            var permitted = security.Value.LoginAttemptsPerMinute;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permitted,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<RolePermissionService>();
        services.AddScoped<AccountProfileService>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<IAccountLinks>(sp => sp.GetRequiredService<AccountLinks>());
        services.AddScoped<ISiteSetupHandler, UsersSetupHandler>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddRecipeStep<RolesStep>();
        services.AddRecipeStep<UsersStep>();
    }

    private sealed class AdminMenu(IStringLocalizer<UsersStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() => [new(t["Menu.Users"], "/Admin/Users", Permissions.ManageUsers, 80)];
    }
}
