using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Services;

/// <summary>Accounts for cadres: one per cadre e-mail, in the Cadre role, linked to the profile.</summary>
public sealed class CadreAccounts(LearningDbContext db, UserManager<LearningUser> users, CadreImporter importer, IAuditTrail audit, TimeProvider clock)
{
    public async Task<int> EnsureAccountsAsync(string underPath, CancellationToken cancellationToken)
    {
        var cadres = await db.Set<Cadre>().Where(c => c.OrgPath.StartsWith(underPath) && c.UserId == null).ToListAsync(cancellationToken);
        var linkable = await importer.LinkableAccountsAsync(cadres.Select(c => c.Email).ToList(), cancellationToken);
        var created = 0;
        foreach (var cadre in cadres)
        {
            if (linkable.TryGetValue(cadre.Email.ToUpperInvariant(), out var id) && id is null)
            {
                continue; // a staff account, or another cadre's: never linked to this profile
            }

            var user = await users.FindByEmailAsync(cadre.Email);
            if (user is null)
            {
                user = new LearningUser { UserName = cadre.Email, Email = cadre.Email, EmailConfirmed = true, DisplayName = cadre.FullName, CreatedUtc = clock.GetUtcNow().UtcDateTime };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
                }

                await users.AddToRoleAsync(user, LearningRoles.Cadre);
                created++;
            }

            cadre.UserId = user.Id;
        }

        if (created > 0)
        {
            audit.Record("organization.accounts.created", underPath, $"{created} accounts");
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }
}
