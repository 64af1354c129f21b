using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Learning.Organization.Services;

/// <summary>
/// Accounts for cadres: one per cadre e-mail, in the Cadre role, linked to the profile. A province has tens of thousands of
/// cadres, so accounts are made in batches: one query finds which e-mails already have an account, and each batch of new
/// accounts, their Cadre role and the profiles' links is one <c>SaveChanges</c> (no per-account round trips, and no password
/// to hash: an administrator or the password-reset mail sets it). The fields are those <see cref="UserManager{TUser}.CreateAsync(TUser)"/>
/// would set, normalized by the same normalizer, so the accounts sign in and are found like any other.
/// </summary>
public sealed class CadreAccounts(LearningDbContext db, UserManager<LearningUser> users, CadreImporter importer, IAuditTrail audit, TimeProvider clock, ILogger<CadreAccounts> logger)
{
    public const int BatchSize = 1000;

    public Task<int> EnsureAccountsAsync(string underPath, CancellationToken cancellationToken) =>
        EnsureAccountsAsync(db.Set<Cadre>().Where(c => c.OrgPath.StartsWith(underPath)), underPath, cancellationToken);

    /// <summary>Accounts for the cadres of <paramref name="selection"/> that have none; <paramref name="subject"/> names them in the audit trail.</summary>
    public async Task<int> EnsureAccountsAsync(IQueryable<Cadre> selection, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var cadres = await selection.Where(c => c.UserId == null).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        if (cadres.Count == 0)
        {
            return 0;
        }

        // Existing accounts: linked when they may be (a cadre's own), skipped when not (staff, another cadre's).
        var existing = await importer.LinkableAccountsAsync(cadres.Select(c => c.Email).ToList(), cancellationToken);
        var cadreRole = await db.Roles.Where(r => r.NormalizedName == users.NormalizeName(LearningRoles.Cadre)).Select(r => r.Id).SingleAsync(cancellationToken);
        var lockout = users.Options.Lockout.AllowedForNewUsers;
        var now = clock.GetUtcNow().UtcDateTime;
        var created = 0;
        var done = 0;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var batch in cadres.Chunk(BatchSize))
            {
                foreach (var cadre in batch)
                {
                    var normalizedEmail = users.NormalizeEmail(cadre.Email);
                    if (existing.TryGetValue(normalizedEmail, out var id))
                    {
                        if (id is not null)
                        {
                            cadre.UserId = id;
                            db.Entry(cadre).Property(c => c.UserId).IsModified = true;
                        }

                        continue; // null: a staff account, or another cadre's: never linked to this profile
                    }

                    var user = new LearningUser
                    {
                        Id = Guid.NewGuid().ToString(),
                        UserName = cadre.Email,
                        NormalizedUserName = users.NormalizeName(cadre.Email),
                        Email = cadre.Email,
                        NormalizedEmail = normalizedEmail,
                        EmailConfirmed = true,
                        DisplayName = cadre.FullName,
                        SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                        ConcurrencyStamp = Guid.NewGuid().ToString(),
                        LockoutEnabled = lockout,
                        CreatedUtc = now,
                    };
                    db.Add(user);
                    db.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = cadreRole });
                    existing[normalizedEmail] = user.Id; // the same e-mail twice in one run makes one account
                    cadre.UserId = user.Id;
                    db.Entry(cadre).Property(c => c.UserId).IsModified = true;
                    created++;
                }

                await db.SaveChangesAsync(cancellationToken);
                done += batch.Length;
                logger.LogInformation("Cadre accounts for {Subject}: {Done} of {Total} profiles done, {Created} accounts created", subject, done, cadres.Count, created);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (created > 0)
        {
            audit.Record("organization.accounts.created", subject, $"{created} tài khoản");
            await db.SaveChangesAsync(cancellationToken);
        }

        return created;
    }
}
