using System.Globalization;
using System.Net.Mail;
using Learning.Data;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Services;

/// <summary>One cadre as it arrives from a CSV row or a recipe entry: raw strings, validated here.</summary>
public sealed record CadreInput(
    string? Email,
    string? FullName,
    string? Position,
    string? UnitCode,
    string? Phone,
    string? JoinedOn,
    string? TransferredFrom,
    string? AccountingOfficer);

/// <summary>A problem with one input: <see cref="Index"/> is the 0-based position in the batch, <see cref="Field"/> the column.</summary>
public sealed record CadreInputError(int Index, string Field, string Message);

public sealed record CadreImportResult(int Total, int Created, int Updated, IReadOnlyList<CadreInputError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Validates a batch of cadres completely before touching the database, then upserts by e-mail in one SaveChanges:
/// a batch with any bad row changes nothing, and importing the same batch twice creates nothing the second time.
/// </summary>
public sealed class CadreImporter(LearningDbContext db, IStringLocalizer<OrganizationStrings> t, TimeProvider clock)
{
    public const int MaxRows = 50_000;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>
    /// Validates and upserts. With <paramref name="dryRun"/> it stops before the first write and says what it would do (counts
    /// or errors): the import job checks a file that way, with progress, before the short transaction that applies it.
    /// </summary>
    public async Task<CadreImportResult> ImportAsync(IReadOnlyList<CadreInput> inputs, OrgScope scope, bool dryRun = false, Func<int, Task>? progress = null,
        CancellationToken cancellationToken = default)
    {
        progress ??= _ => Task.CompletedTask;
        var errors = new List<CadreInputError>();
        if (inputs.Count > MaxRows)
        {
            errors.Add(new CadreInputError(0, "", t["Import.TooManyRows", MaxRows]));
            return new CadreImportResult(inputs.Count, 0, 0, errors);
        }

        var valid = await ValidateRowsAsync(inputs, scope, errors, progress, cancellationToken);
        if (errors.Count > 0)
        {
            return new CadreImportResult(inputs.Count, 0, 0, errors);
        }

        await progress(50);
        var emails = valid.Select(v => v.Values.Email).ToList();
        var existing = await ExistingByEmailAsync(emails, cancellationToken);
        await progress(60);
        var userByEmail = await LinkableAccountsAsync(emails, cancellationToken);
        await progress(65);
        RefuseUnavailableEmails(valid, existing, userByEmail, scope, errors);
        if (errors.Count > 0)
        {
            return new CadreImportResult(inputs.Count, 0, 0, errors);
        }

        if (dryRun)
        {
            var wouldCreate = valid.Count(v => !existing.ContainsKey(v.Values.Email));
            var wouldUpdate = valid.Count(v => existing.TryGetValue(v.Values.Email, out var c) && !Same(c, v.Values));
            db.ChangeTracker.Clear(); // nothing the check loaded stays tracked into the transaction that applies it
            return new CadreImportResult(inputs.Count, wouldCreate, wouldUpdate, errors);
        }

        var (created, updated) = Upsert(valid.Select(v => v.Values), existing, userByEmail);
        await db.SaveChangesAsync(cancellationToken);
        return new CadreImportResult(inputs.Count, created, updated, errors);
    }

    /// <summary>
    /// Existing accounts with these e-mails (by normalized e-mail), each mapped to its id when a cadre profile may be linked to
    /// it, or to null when it must not: an account with any role but Cadre, a manager's or trainer's scope, or another cadre's.
    /// </summary>
    public async Task<Dictionary<string, string?>> LinkableAccountsAsync(IReadOnlyCollection<string> emails, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var linkable = CadreDirectory.LinkableUsers(db);
        foreach (var chunk in emails.Select(e => e.ToUpperInvariant()).Chunk(500))
        {
            var rows = await db.Users.Where(u => chunk.Contains(u.NormalizedEmail!))
                .Select(u => new { u.Id, u.NormalizedEmail, Linkable = linkable.Any(l => l.Id == u.Id) })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                result[row.NormalizedEmail!] = row.Linkable ? row.Id : null;
            }
        }

        return result;
    }

    /// <summary>Every row checked (progress 5–50 %); the rows without an error, with their 0-based index in the batch.</summary>
    private async Task<List<(int Index, Cadre Values)>> ValidateRowsAsync(IReadOnlyList<CadreInput> inputs, OrgScope scope, List<CadreInputError> errors,
        Func<int, Task> progress, CancellationToken cancellationToken)
    {
        var codes = inputs.Select(i => i.UnitCode?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        var units = await db.Set<OrgUnit>().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);

        var valid = new List<(int Index, Cadre Values)>();
        var seenEmails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (i % 2000 == 1999)
            {
                await progress(5 + (45 * i / inputs.Count));
            }

            var before = errors.Count;
            var cadre = Validate(i, inputs[i], units, scope, seenEmails, errors);
            if (errors.Count == before && cadre is not null)
            {
                valid.Add((i, cadre));
            }
        }

        return valid;
    }

    private async Task<Dictionary<string, Cadre>> ExistingByEmailAsync(List<string> emails, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, Cadre>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in emails.Chunk(500))
        {
            foreach (var c in await db.Set<Cadre>().Where(c => chunk.Contains(c.Email)).ToListAsync(cancellationToken))
            {
                existing[c.Email] = c;
            }
        }

        return existing;
    }

    /// <summary>
    /// A cadre outside the scope, or an account that must not become this cadre (staff, or another cadre's): one message that
    /// says neither which nor where, so an import cannot be used to probe other provinces' addresses.
    /// </summary>
    private void RefuseUnavailableEmails(List<(int Index, Cadre Values)> valid, Dictionary<string, Cadre> existing, Dictionary<string, string?> userByEmail,
        OrgScope scope, List<CadreInputError> errors)
    {
        foreach (var (index, values) in valid)
        {
            var outside = existing.TryGetValue(values.Email, out var current) && !scope.Contains(current.OrgPath);
            var unlinkable = current?.UserId is null && userByEmail.TryGetValue(values.Email.ToUpperInvariant(), out var account) && account is null;
            if (outside || unlinkable)
            {
                errors.Add(new CadreInputError(index, "email", t["Import.EmailUnavailable", values.Email]));
            }
        }
    }

    /// <summary>Adds the new cadres and updates the changed ones (tracked, not saved); returns how many of each.</summary>
    private (int Created, int Updated) Upsert(IEnumerable<Cadre> rows, Dictionary<string, Cadre> existing, Dictionary<string, string?> userByEmail)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0;
        foreach (var values in rows)
        {
            if (!existing.TryGetValue(values.Email, out var cadre))
            {
                cadre = new Cadre { Email = values.Email, CreatedUtc = now };
                db.Add(cadre);
                created++;
            }
            else if (!Same(cadre, values))
            {
                updated++;
            }
            else
            {
                continue;
            }

            cadre.FullName = values.FullName;
            cadre.Position = values.Position;
            cadre.UnitId = values.UnitId;
            cadre.OrgPath = values.OrgPath;
            cadre.Phone = values.Phone;
            cadre.JoinedCommuneOn = values.JoinedCommuneOn;
            cadre.TransferredFrom = values.TransferredFrom;
            cadre.IsAccountingOfficer = values.IsAccountingOfficer;
            cadre.UserId ??= userByEmail.GetValueOrDefault(values.Email.ToUpperInvariant());
            cadre.UpdatedUtc = now;
        }

        return (created, updated);
    }

    private static bool Same(Cadre a, Cadre b) =>
        a.FullName == b.FullName && a.Position == b.Position && a.UnitId == b.UnitId && a.Phone == b.Phone &&
        a.JoinedCommuneOn == b.JoinedCommuneOn && a.TransferredFrom == b.TransferredFrom && a.IsAccountingOfficer == b.IsAccountingOfficer;

    /// <summary>One row checked field by field; every problem is added to <paramref name="errors"/>, not only the first.</summary>
    private Cadre? Validate(int index, CadreInput input, Dictionary<string, OrgUnit> units, OrgScope scope, Dictionary<string, int> seenEmails, List<CadreInputError> errors)
    {
        void Fail(string field, string message) => errors.Add(new CadreInputError(index, field, message));

        var email = CheckEmail(input.Email, index, seenEmails, Fail);
        var fullName = Clean(input.FullName);
        if (fullName is null)
        {
            Fail("fullName", t["Import.FullNameRequired"]);
        }

        CheckLength(fullName, "fullName", Fail);
        var position = Clean(input.Position) ?? "";
        CheckLength(position, "position", Fail);
        var unit = CheckUnit(input.UnitCode?.Trim(), units, scope, Fail);
        var phone = CheckPhone(Clean(input.Phone), Fail);
        var joined = CheckDate(Clean(input.JoinedOn), Fail);
        var transferred = Clean(input.TransferredFrom);
        CheckLength(transferred, "transferredFrom", Fail);
        var accounting = CheckFlag(Clean(input.AccountingOfficer)?.ToLowerInvariant(), Fail);

        return unit is null || fullName is null
            ? null
            : new Cadre
            {
                Email = email,
                FullName = fullName,
                Position = position,
                UnitId = unit.Id,
                OrgPath = unit.Path,
                Phone = phone,
                JoinedCommuneOn = joined,
                TransferredFrom = transferred,
                IsAccountingOfficer = accounting,
            };
    }

    /// <summary>Lower-cased; a second row with the same address names the first one's line.</summary>
    private string CheckEmail(string? raw, int index, Dictionary<string, int> seenEmails, Action<string, string> fail)
    {
        var email = raw?.Trim().ToLowerInvariant() ?? "";
        if (email.Length == 0)
        {
            fail("email", t["Import.EmailRequired"]);
        }
        else if (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            fail("email", t["Import.EmailInvalid", email]);
        }
        else if (seenEmails.TryGetValue(email, out var first))
        {
            fail("email", t["Import.EmailDuplicate", email, first + 1]);
        }
        else
        {
            seenEmails[email] = index;
        }

        return email;
    }

    private void CheckLength(string? value, string field, Action<string, string> fail)
    {
        if (value is { Length: > 200 })
        {
            fail(field, t["Import.TooLong", 200]);
        }
    }

    /// <summary>A commune or unit the importer's scope covers; a province, an unknown code or one outside the scope is refused.</summary>
    private OrgUnit? CheckUnit(string? code, Dictionary<string, OrgUnit> units, OrgScope scope, Action<string, string> fail)
    {
        if (string.IsNullOrEmpty(code))
        {
            fail("unitCode", t["Import.UnitRequired"]);
            return null;
        }

        if (!units.TryGetValue(code, out var unit))
        {
            fail("unitCode", t["Import.UnitUnknown", code]);
            return null;
        }

        if (unit.Kind == OrgUnitKind.Province)
        {
            fail("unitCode", t["Import.UnitIsProvince", code]);
            return null;
        }

        if (!scope.Contains(unit.Path))
        {
            fail("unitCode", t["Import.UnitOutsideScope", code]);
            return null;
        }

        return unit;
    }

    private string? CheckPhone(string? phone, Action<string, string> fail)
    {
        if (phone is not null && (phone.Length > 20 || phone.Count(char.IsAsciiDigit) < 8 || phone.Any(ch => !char.IsAsciiDigit(ch) && ch is not (' ' or '+' or '.' or '-'))))
        {
            fail("phone", t["Import.PhoneInvalid", phone]);
        }

        return phone;
    }

    private DateOnly? CheckDate(string? text, Action<string, string> fail)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        fail("joinedOn", t["Import.DateInvalid", text]);
        return null;
    }

    private bool CheckFlag(string? flag, Action<string, string> fail)
    {
        switch (flag)
        {
            case null:
            case "false" or "0" or "no" or "không" or "khong":
                return false;
            case "true" or "1" or "x" or "yes" or "có" or "co":
                return true;
            default:
                fail("accountingOfficer", t["Import.FlagInvalid", flag]);
                return false;
        }
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim().Normalize(System.Text.NormalizationForm.FormC);
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
