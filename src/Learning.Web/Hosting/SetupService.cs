using System.Net.Mail;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Hosting;

public sealed record SetupRequest(string SiteName, string AdminEmail, string AdminPassword, string? RecipeName, string? AdminDisplayName = null);

public sealed record SetupResult(bool Succeeded, IReadOnlyList<string> Errors, bool AlreadySetUp = false)
{
    /// <summary>What the recipe left out because its module is switched off (its steps, and lessons of a kind it renders).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    public static SetupResult Fail(params string[] errors) => new(false, errors);
}

/// <summary>
/// Sets up a site once: settings, roles and administrator (through the modules' setup handlers), then the chosen recipe,
/// all in one transaction. The same service backs the setup page and the <c>setup</c> command.
/// </summary>
public sealed class SetupService(
    LearningDbContext db,
    IEnumerable<ISiteSetupHandler> handlers,
    IRecipeRunner recipes,
    IAuditTrail audit,
    DatabaseMigrator migrator,
    SiteState state,
    TimeProvider clock,
    IStringLocalizer<WebStrings> t,
    ILogger<SetupService> logger)
{
    // What the last run of the recipe skipped (a retry after a database blip runs it again and sets it again).
    private IReadOnlyList<string> skipped = [];

    public async Task<SetupResult> SetupAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await migrator.MigrateAsync(cancellationToken);
        if (await IsSetUpAsync(cancellationToken))
        {
            return AlreadySetUp();
        }

        var (siteName, email, recipe, errors) = Check(request);
        if (errors.Count > 0)
        {
            return new SetupResult(false, errors);
        }

        // Under the execution strategy: a database blip runs the whole setup again from a clean slate.
        var failed = await db.RetryingAsync(ct => ApplyAsync(siteName, email, request, recipe, ct), cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        state.Invalidate();
        logger.LogInformation("Site {Site} set up with recipe {Recipe}", siteName, recipe?.Name ?? "(none)");
        return new SetupResult(true, []) { Skipped = skipped };
    }

    public Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default) =>
        db.SiteSettings.AsNoTracking().AnyAsync(s => s.SetupCompletedUtc != null, cancellationToken);

    private SetupResult AlreadySetUp() => new(false, [t["Setup.AlreadyDone"]], AlreadySetUp: true);

    /// <summary>The form or command checked before anything is written: every problem at once.</summary>
    private (string SiteName, string Email, RecipeDescriptor? Recipe, List<string> Errors) Check(SetupRequest request)
    {
        var errors = new List<string>();
        var siteName = string.IsNullOrWhiteSpace(request.SiteName) ? t["Setup.DefaultSiteName"].Value : request.SiteName.Trim();
        var email = request.AdminEmail?.Trim() ?? "";
        if (siteName.Length is 0 or > 200)
        {
            errors.Add(t["Setup.SiteNameRequired"]);
        }

        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors.Add(t["Setup.EmailInvalid"]);
        }

        if (string.IsNullOrEmpty(request.AdminPassword))
        {
            errors.Add(t["Setup.PasswordRequired"]);
        }

        RecipeDescriptor? recipe = null;
        if (!string.IsNullOrWhiteSpace(request.RecipeName))
        {
            recipe = recipes.FindRecipe(request.RecipeName);
            if (recipe is null)
            {
                errors.Add(t["Setup.RecipeUnknown", request.RecipeName]);
            }
        }

        return (siteName, email, recipe, errors);
    }

    /// <summary>Settings, the modules' setup handlers and the recipe in one transaction. Returns null when it committed, else why not.</summary>
    private async Task<SetupResult?> ApplyAsync(string siteName, string email, SetupRequest request, RecipeDescriptor? recipe, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var refused = await WriteSiteAsync(siteName, email, request, recipe, ct);
            if (refused is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return refused;
            }

            await transaction.CommitAsync(ct);
            return null;
        }
        catch (SetupException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return SetupResult.Fail(ex.Message);
        }
        catch (DbUpdateException ex) when (!Transactions.IsTransient(ex))
        {
            // Two setups racing: the loser trips over the settings row the winner inserted.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Setup failed to save");
            return await IsSetUpAsync(ct) ? AlreadySetUp() : SetupResult.Fail(t["Setup.Failed"]);
        }
    }

    /// <summary>Inside the setup's transaction; returns why the recipe refused, or null when everything is written.</summary>
    private async Task<SetupResult?> WriteSiteAsync(string siteName, string email, SetupRequest request, RecipeDescriptor? recipe, CancellationToken ct)
    {
        var settings = new SiteSettings { SiteName = siteName };
        db.SiteSettings.Add(settings);
        await db.SaveChangesAsync(ct);

        var context = new SiteSetupContext(siteName, email, request.AdminPassword, request.AdminDisplayName);
        foreach (var handler in handlers.OrderBy(h => h.Order))
        {
            await handler.SetupAsync(context, ct);
        }

        if (recipe is not null)
        {
            var result = await recipes.RunFileAsync(recipe.FilePath, RecipeRunOptions.System, ct);
            if (!result.Succeeded)
            {
                return SetupResult.Fail(t["Setup.RecipeFailed", result.RecipeName, result.Error ?? "", result.JsonPath ?? ""]);
            }

            skipped = result.Skipped;
        }

        // The form's site name wins over the recipe's.
        settings = await db.SiteSettings.SingleAsync(s => s.Id == SiteSettings.SingletonId, ct);
        settings.SiteName = siteName;
        settings.SetupCompletedUtc = clock.GetUtcNow().UtcDateTime;
        settings.SetupRecipe = recipe?.Name;
        audit.Record("setup.completed", siteName, $"quản trị: {email}; công thức: {recipe?.Name ?? "(không)"}");
        await db.SaveChangesAsync(ct);
        return null;
    }
}
