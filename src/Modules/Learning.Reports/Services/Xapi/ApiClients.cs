using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Learning.Data;
using Learning.Modularity;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Reports.Services.Xapi;

/// <summary>A client as the API sees it once its key is checked; <see cref="RequestsPerMinute"/> is its own limit, if it has one.</summary>
public sealed record ApiCaller(int ClientId, string KeyId, string ScopePath, int? RequestsPerMinute = null);

/// <summary>What a key check found: the caller when the key is good; the client's id whenever the key id is one of ours (to file
/// the refused request in that client's log).</summary>
public sealed record ApiKeyCheck(int? ClientId, ApiCaller? Caller);

/// <summary>A key just issued: the secret is in here and nowhere else.</summary>
public sealed record IssuedKey(int ClientId, string KeyId, string Secret);

public sealed record ApiClientRow(int Id, string Name, string KeyId, string ScopeName, string ScopePath, string CreatedBy, DateTime CreatedUtc,
    DateTime? RevokedUtc, DateTime? LastUsedUtc, long RequestsToday, long Requests30Days, int? RequestsPerMinute);

/// <summary>
/// Issues, lists, revokes and checks API keys. The secret is 256 random bits, so its SHA-256 is a safe verifier (no slow hash
/// needed: nothing to guess). Every request reads the client's row on the primary: a revocation is seen by the very next request
/// on every node, with no cache to outlive it.
/// </summary>
public sealed class ApiClients(LearningDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public const string KeyPrefix = "lk_";

    public const int MaxRequestsPerMinute = 1_000_000;

    public async Task<IssuedKey> IssueAsync(string name, string scopePath, string scopeName, ClaimsPrincipal by, CancellationToken cancellationToken, int? requestsPerMinute = null)
    {
        var keyId = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var client = new ApiClient
        {
            Name = name.Trim(),
            KeyId = keyId,
            SecretHash = Hash(secret),
            ScopePath = scopePath,
            ScopeName = scopeName,
            CreatedBy = by.Identity?.Name ?? by.UserId() ?? "",
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            RequestsPerMinute = requestsPerMinute,
        };
        db.Add(client);
        audit.Record("reports.api_client.issued", keyId, $"{client.Name} · {scopeName} ({scopePath})"
            + (requestsPerMinute is { } limit ? $" · {limit}/min" : ""), by);
        await db.SaveChangesAsync(cancellationToken);
        return new(client.Id, keyId, secret);
    }

    public async Task<bool> RevokeAsync(int id, ClaimsPrincipal by, CancellationToken cancellationToken)
    {
        var client = await db.Set<ApiClient>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return false;
        }

        if (client.RevokedUtc is null)
        {
            client.RevokedUtc = clock.GetUtcNow().UtcDateTime;
            audit.Record("reports.api_client.revoked", client.KeyId, client.Name, by);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>Sets a client's own requests per minute (null: back to the site's default). Audited with the old and new limit;
    /// the next request of the key meets it, on every node.</summary>
    public async Task<bool> SetLimitAsync(int id, int? requestsPerMinute, ClaimsPrincipal by, CancellationToken cancellationToken)
    {
        var client = await db.Set<ApiClient>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return false;
        }

        if (client.RequestsPerMinute != requestsPerMinute)
        {
            audit.Record("reports.api_client.limit_changed", client.KeyId,
                $"{client.Name}: {Limit(client.RequestsPerMinute)} → {Limit(requestsPerMinute)}", by);
            client.RequestsPerMinute = requestsPerMinute;
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;

        static string Limit(int? value) => value is { } v ? $"{v}/min" : "default";
    }

    public async Task<IReadOnlyList<ApiClientRow>> ListAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var monthAgo = today.AddDays(-29);
        var usage = db.Set<ApiClientUsage>();
        return await db.Set<ApiClient>().AsNoTracking().OrderBy(c => c.RevokedUtc != null).ThenBy(c => c.Name)
            .Select(c => new ApiClientRow(c.Id, c.Name, c.KeyId, c.ScopeName, c.ScopePath, c.CreatedBy, c.CreatedUtc, c.RevokedUtc, c.LastUsedUtc,
                usage.Where(u => u.ClientId == c.Id && u.Day == today).Sum(u => (long?)u.Requests) ?? 0,
                usage.Where(u => u.ClientId == c.Id && u.Day >= monthAgo).Sum(u => (long?)u.Requests) ?? 0, c.RequestsPerMinute))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The client whose key this is, as a caller if the key is valid and not revoked (the use is counted).</summary>
    public async Task<ApiKeyCheck> AuthenticateAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        if (!keyId.StartsWith(KeyPrefix, StringComparison.Ordinal) || keyId.Length > 64 || secret.Length > 200)
        {
            return new(null, null);
        }

        var client = await db.Set<ApiClient>().AsNoTracking().Where(c => c.KeyId == keyId)
            .Select(c => new { c.Id, c.SecretHash, c.ScopePath, c.RevokedUtc, c.RequestsPerMinute }).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return new(null, null);
        }

        if (client.RevokedUtc is not null || secret.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(client.SecretHash), Encoding.ASCII.GetBytes(Hash(secret))))
        {
            return new(client.Id, null);
        }

        await CountUseAsync(client.Id, cancellationToken);
        return new(client.Id, new(client.Id, keyId, client.ScopePath, client.RequestsPerMinute));
    }

    /// <summary>The audit of use: one counter row per client and day, and the last-used time (written at most once a minute).</summary>
    private async Task CountUseAsync(int clientId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var usage = db.Set<ApiClientUsage>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await usage.Where(u => u.ClientId == clientId && u.Day == today)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.Requests, u => u.Requests + 1), cancellationToken) == 1)
            {
                break;
            }

            try
            {
                var row = new ApiClientUsage { ClientId = clientId, Day = today, Requests = 1 };
                usage.Add(row);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(row).State = EntityState.Detached;
                break;
            }
            catch (DbUpdateException)
            {
                // Another request (or node) made today's row first: count on it.
                db.ChangeTracker.Clear();
            }
        }

        var stale = now.AddMinutes(-1);
        await db.Set<ApiClient>().Where(c => c.Id == clientId && (c.LastUsedUtc == null || c.LastUsedUtc < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedUtc, now), cancellationToken);
    }

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
