using System.Globalization;
using System.Security.Claims;
using Learning.Certificates.Data;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Readiness;

/// <summary>An issued signature as a manager enters it.</summary>
public sealed record IssuedSignature(string Serial, string Provider, DateOnly ValidFrom, DateOnly ValidTo);

/// <summary>
/// What a manager records: a request sent to the provider (one cadre, or every ready cadre of a list), a request returned, an
/// issued signature entered or corrected. Each change writes the cadre's history and the audit trail in the same save.
/// Errors are resource keys (<c>Error.*</c>) the pages localize.
/// </summary>
public sealed class SignatureDesk(LearningDbContext db, ReadinessBoard board, IAuditTrail audit, TimeProvider clock, ILearningEvents events)
{
    /// <summary>Marks requested the cadres of <paramref name="cadreIds"/> that are in scope and ready; returns how many.</summary>
    public async Task<int> RequestAsync(OrgScope scope, IReadOnlyCollection<int> cadreIds, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var ready = (await board.ListAsync(scope, cadreIds.Distinct().ToList(), cancellationToken)).Where(r => r.State == ReadinessState.Ready).ToList();
        if (ready.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ids = ready.Select(r => r.Cadre.CadreId).ToList();
        var records = await db.Set<SignatureRecord>().Where(s => ids.Contains(s.CadreId)).ToDictionaryAsync(s => s.CadreId, cancellationToken);
        foreach (var item in ready)
        {
            if (!records.TryGetValue(item.Cadre.CadreId, out var record))
            {
                record = new SignatureRecord { CadreId = item.Cadre.CadreId };
                db.Add(record);
            }

            (record.RequestedUtc, record.RequestedBy, record.ReturnedUtc, record.ReturnReason, record.UpdatedUtc) = (now, user.Identity?.Name, null, null, now);
            AddEvent(item.Cadre.CadreId, SignatureActions.Requested, null, user, now);
        }

        await events.RecordManyAsync([.. ready.Where(r => r.Cadre.UserId is not null).Select(r => ReadinessEvents.Changed(r.Cadre.UserId!, ReadinessState.Requested, now))], cancellationToken);

        audit.Record("certificates.signature.requested", ids.Count == 1 ? $"cadre:{ids[0]}" : $"{ids.Count} cadres",
            "cadres: " + string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))), user);
        await db.SaveChangesAsync(cancellationToken);
        return ready.Count;
    }

    /// <summary>A pending request returned by the provider or withdrawn: the cadre is back to what their training says.</summary>
    public async Task<string?> ReturnAsync(OrgScope scope, int cadreId, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var item = await board.FindAsync(scope, cadreId, cancellationToken);
        if (item is null)
        {
            return "Error.NotFound";
        }

        if (item.State != ReadinessState.Requested)
        {
            return "Error.NotRequested";
        }

        reason = Clean(reason, 500);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = await db.Set<SignatureRecord>().SingleAsync(s => s.CadreId == cadreId, cancellationToken);
        (record.ReturnedUtc, record.ReturnReason, record.UpdatedUtc) = (now, reason, now);
        AddEvent(cadreId, SignatureActions.Returned, reason, user, now);
        if (item.Cadre.UserId is { } returnedUser)
        {
            await events.RecordAsync(ReadinessEvents.Changed(returnedUser, ReadinessEvents.AfterReturn(item), now), cancellationToken);
        }

        audit.Record("certificates.signature.returned", $"cadre:{cadreId}", reason, user);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Enters (or corrects) the issued signature of a cadre in scope. Returns an error key, or null when saved.</summary>
    public async Task<string?> IssueAsync(OrgScope scope, int cadreId, IssuedSignature input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var item = await board.FindAsync(scope, cadreId, cancellationToken);
        if (item is null)
        {
            return "Error.NotFound";
        }

        var serial = Clean(input.Serial, 100);
        var provider = Clean(input.Provider, 200);
        if (serial is null)
        {
            return "Error.SerialRequired";
        }

        if (provider is null)
        {
            return "Error.ProviderRequired";
        }

        if (input.ValidTo < input.ValidFrom)
        {
            return "Error.ValidToBeforeFrom";
        }

        if (await db.Set<SignatureRecord>().AnyAsync(s => s.Serial == serial && s.CadreId != cadreId, cancellationToken))
        {
            return "Error.DuplicateSerial";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = await db.Set<SignatureRecord>().SingleOrDefaultAsync(s => s.CadreId == cadreId, cancellationToken);
        if (record is null)
        {
            record = new SignatureRecord { CadreId = cadreId };
            db.Add(record);
        }

        var action = record.Serial is null ? SignatureActions.Issued : SignatureActions.Edited;
        var details = Describe(serial, provider, input.ValidFrom, input.ValidTo);
        if (action == SignatureActions.Edited)
        {
            details = Describe(record.Serial!, record.Provider ?? "", record.ValidFrom, record.ValidTo) + " → " + details;
        }

        Apply(record, serial, provider, input.ValidFrom, input.ValidTo, now);
        AddEvent(cadreId, action, details, user, now);
        if (action == SignatureActions.Issued && item.Cadre.UserId is { } issuedUser)
        {
            var state = ReadinessRules.Compute(new ReadinessInput(new HashSet<int>(), new HashSet<int>(), new HashSet<int>(),
                new SignatureFacts(true, false, serial, input.ValidFrom, input.ValidTo), board.Today));
            await events.RecordAsync(ReadinessEvents.Changed(issuedUser, state, now), cancellationToken);
        }

        audit.Record(action == SignatureActions.Issued ? "certificates.signature.issued" : "certificates.signature.edited", $"cadre:{cadreId}", details, user);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    internal static void Apply(SignatureRecord record, string serial, string provider, DateOnly from, DateOnly to, DateTime now)
    {
        record.RequestedUtc ??= now;
        (record.Serial, record.Provider, record.ValidFrom, record.ValidTo, record.IssuedRecordedUtc, record.UpdatedUtc) = (serial, provider, from, to, now, now);
    }

    internal void AddEvent(int cadreId, string action, string? details, ClaimsPrincipal? user, DateTime now) =>
        db.Add(new SignatureEvent
        {
            CadreId = cadreId,
            Action = action,
            Details = details is { Length: > 1000 } ? details[..1000] : details,
            AtUtc = now,
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user?.Identity?.Name,
        });

    internal static string Describe(string serial, string provider, DateOnly? from, DateOnly? to) =>
        string.Create(CultureInfo.InvariantCulture, $"{serial} ({provider}) {from:yyyy-MM-dd}..{to:yyyy-MM-dd}");

    internal static string? Clean(string? value, int max)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length > max ? text[..max] : text;
    }
}
