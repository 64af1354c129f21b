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
    public async Task<SetupResult> SetupAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (await IsSetUpAsync(cancellationToken))
        {
            return new SetupResult(false, [t["Setup.AlreadyDone"]], AlreadySetUp: true);
        }

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

        if (errors.Count > 0)
        {
            return new SetupResult(false, errors);
        }

        // Under the execution strategy: a database blip runs the whole setup again from a clean slate.
        var failed = await db.RetryingAsync<SetupResult?>(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
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
                        await transaction.RollbackAsync(CancellationToken.None);
                        db.ChangeTracker.Clear();
                        return SetupResult.Fail(t["Setup.RecipeFailed", result.RecipeName, result.Error ?? "", result.JsonPath ?? ""]);
                    }
                }

                // The form's site name wins over the recipe's.
                settings = await db.SiteSettings.SingleAsync(s => s.Id == SiteSettings.SingletonId, ct);
                settings.SiteName = siteName;
                settings.SetupCompletedUtc = clock.GetUtcNow().UtcDateTime;
                settings.SetupRecipe = recipe?.Name;
                audit.Record("setup.completed", siteName, $"admin {email}; recipe {recipe?.Name ?? "(none)"}");
                await db.SaveChangesAsync(ct);
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
                return await IsSetUpAsync(ct)
                    ? new SetupResult(false, [t["Setup.AlreadyDone"]], AlreadySetUp: true)
                    : SetupResult.Fail(t["Setup.Failed"]);
            }
        }, cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        state.Invalidate();
        logger.LogInformation("Site {Site} set up with recipe {Recipe}", siteName, recipe?.Name ?? "(none)");
        return new SetupResult(true, []);
    }

    public Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default) =>
        db.SiteSettings.AsNoTracking().AnyAsync(s => s.SetupCompletedUtc != null, cancellationToken);
}
