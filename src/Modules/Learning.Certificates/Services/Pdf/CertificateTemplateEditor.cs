using Learning.Certificates.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;

namespace Learning.Certificates.Services.Pdf;

/// <summary>What a trainer submits for a template; images are replaced only when a file is given (or removed when asked).</summary>
public sealed class CertificateTemplateDraft
{
    public string Name { get; set; } = "";

    public CertificateOrientation Orientation { get; set; }

    public string Agency { get; set; } = "";

    public string Place { get; set; } = "";

    public string Title { get; set; } = "";

    public string BodyLiquid { get; set; } = "";

    public string?[] SignatoryTitles { get; set; } = new string?[CertificateTemplate.MaxSignatories];

    public string?[] SignatoryNames { get; set; } = new string?[CertificateTemplate.MaxSignatories];

    public byte[]? Emblem { get; set; }

    public byte[]? Background { get; set; }

    public byte[]?[] Signatures { get; set; } = new byte[]?[CertificateTemplate.MaxSignatories];

    public bool RemoveEmblem { get; set; }

    public bool RemoveBackground { get; set; }

    public bool[] RemoveSignatures { get; set; } = new bool[CertificateTemplate.MaxSignatories];

    /// <summary>Model binding makes arrays as long as what was posted: pad them back to one slot per possible signatory.</summary>
    public void Normalize()
    {
        SignatoryTitles = Pad(SignatoryTitles);
        SignatoryNames = Pad(SignatoryNames);
        Signatures = Pad(Signatures);
        RemoveSignatures = Pad(RemoveSignatures);
        Name ??= "";
        Agency ??= "";
        Place ??= "";
        Title ??= "";
        BodyLiquid ??= "";
    }

    private static T[] Pad<T>(T[]? values)
    {
        var padded = new T[CertificateTemplate.MaxSignatories];
        if (values is not null)
        {
            Array.Copy(values, padded, Math.Min(values.Length, padded.Length));
        }

        return padded;
    }

    public static CertificateTemplateDraft From(CertificateTemplate template)
    {
        var draft = new CertificateTemplateDraft
        {
            Name = template.Name,
            Orientation = template.Orientation,
            Agency = template.Agency,
            Place = template.Place,
            Title = template.Title,
            BodyLiquid = template.BodyLiquid,
        };
        foreach (var s in template.Signatories.OrderBy(s => s.Order).Take(CertificateTemplate.MaxSignatories).Select((s, i) => (s, i)))
        {
            draft.SignatoryTitles[s.i] = s.s.Title;
            draft.SignatoryNames[s.i] = s.s.Name;
        }

        return draft;
    }
}

/// <summary>
/// Checks and saves templates: Liquid parsed (an error names its line), only known variables, images that are really PNG or
/// JPEG within the size limit and decodable; a refused draft changes nothing. Each save increments the revision and is audited.
/// </summary>
public sealed class CertificateTemplateEditor(LearningDbContext db, IAuditTrail audit, IStringLocalizer<CertificatesStrings> t, TimeProvider clock)
{
    public const int MaxImageBytes = 1024 * 1024;

    public IReadOnlyList<string> Validate(CertificateTemplateDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        draft.Normalize();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 200)
        {
            errors.Add(t["Templates.Error.Name"]);
        }

        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > 200)
        {
            errors.Add(t["Templates.Error.Title"]);
        }

        if (draft.Agency.Length > 500 || draft.Place.Length > 100)
        {
            errors.Add(t["Templates.Error.TooLong"]);
        }

        if (string.IsNullOrWhiteSpace(draft.BodyLiquid) || draft.BodyLiquid.Length > 8000)
        {
            errors.Add(t["Templates.Error.Body"]);
        }
        else if (!CertificateBody.TryParse(draft.BodyLiquid, out _, out var error, out var line))
        {
            errors.Add(t["Templates.Error.Liquid", line, error]);
        }
        else
        {
            errors.AddRange(CertificateBody.UnknownVariables(draft.BodyLiquid).Select(v => t["Templates.Error.Variable", v, string.Join(", ", CertificateBody.Variables)].Value));
        }

        CheckImage(draft.Emblem, t["Templates.Emblem"], errors);
        CheckImage(draft.Background, t["Templates.Background"], errors);
        for (var i = 0; i < CertificateTemplate.MaxSignatories; i++)
        {
            CheckImage(draft.Signatures[i], t["Templates.Signature", i + 1], errors);
        }

        return errors;
    }

    /// <summary>Saves the draft over template <paramref name="id"/>; the errors, or none when saved.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(int id, CertificateTemplateDraft draft, string? user, CancellationToken cancellationToken)
    {
        var errors = Validate(draft);
        if (errors.Count > 0)
        {
            return errors;
        }

        var template = await db.Set<CertificateTemplate>().Include(x => x.Signatories).SingleAsync(x => x.Id == id, cancellationToken);
        template.Name = draft.Name.Trim();
        template.Orientation = draft.Orientation;
        template.Agency = draft.Agency.Trim();
        template.Place = draft.Place.Trim();
        template.Title = draft.Title.Trim();
        template.BodyLiquid = draft.BodyLiquid.Replace("\r\n", "\n", StringComparison.Ordinal);
        template.EmblemImage = draft.RemoveEmblem ? null : draft.Emblem ?? template.EmblemImage;
        template.BackgroundImage = draft.RemoveBackground ? null : draft.Background ?? template.BackgroundImage;
        var old = template.Signatories.OrderBy(s => s.Order).ToList();
        var kept = new List<CertificateTemplateSignatory>();
        for (var i = 0; i < CertificateTemplate.MaxSignatories; i++)
        {
            var name = draft.SignatoryNames[i]?.Trim();
            var title = draft.SignatoryTitles[i]?.Trim();
            if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(title))
            {
                continue;
            }

            var existing = i < old.Count ? old[i] : null;
            kept.Add(new CertificateTemplateSignatory
            {
                Order = kept.Count,
                Name = name ?? "",
                Title = title ?? "",
                SignatureImage = draft.RemoveSignatures[i] ? null : draft.Signatures[i] ?? existing?.SignatureImage,
            });
        }

        db.RemoveRange(old);
        template.Signatories = kept;
        template.Revision++;
        template.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        template.UpdatedBy = user;
        audit.Record("certificates.template.saved", $"template {template.Id} ({template.Name})", $"revision {template.Revision}");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>A new template for a course or a path, starting from the default; null when one exists for it already.</summary>
    public async Task<int?> CreateAsync(string name, int? courseId, int? pathId, string? user, CancellationToken cancellationToken)
    {
        if ((courseId is null) == (pathId is null)
            || await db.Set<CertificateTemplate>().AnyAsync(x => (courseId != null && x.CourseId == courseId) || (pathId != null && x.PathId == pathId), cancellationToken))
        {
            return null;
        }

        var template = DefaultCertificateTemplate.Create(clock.GetUtcNow().UtcDateTime);
        template.IsDefault = false;
        template.Name = string.IsNullOrWhiteSpace(name) ? (courseId is not null ? $"Khóa học {courseId}" : $"Lộ trình {pathId}") : name.Trim();
        template.CourseId = courseId;
        template.PathId = pathId;
        template.UpdatedBy = user;
        db.Add(template);
        audit.Record("certificates.template.created", $"template ({template.Name})", courseId is not null ? $"course {courseId}" : $"path {pathId}");
        await db.SaveChangesAsync(cancellationToken);
        return template.Id;
    }

    /// <summary>Puts the shipped default's texts, layout and signatory back (images removed); the revision moves on.</summary>
    public async Task RestoreDefaultAsync(int id, string? user, CancellationToken cancellationToken)
    {
        var template = await db.Set<CertificateTemplate>().Include(x => x.Signatories).SingleAsync(x => x.Id == id, cancellationToken);
        var shipped = DefaultCertificateTemplate.Create(clock.GetUtcNow().UtcDateTime);
        template.Orientation = shipped.Orientation;
        template.Agency = shipped.Agency;
        template.Place = shipped.Place;
        template.Title = shipped.Title;
        template.BodyLiquid = shipped.BodyLiquid;
        template.EmblemImage = null;
        template.BackgroundImage = null;
        db.RemoveRange(template.Signatories);
        template.Signatories = shipped.Signatories;
        template.Revision++;
        template.UpdatedUtc = shipped.UpdatedUtc;
        template.UpdatedBy = user;
        audit.Record("certificates.template.restored", $"template {template.Id} ({template.Name})", $"revision {template.Revision}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The design a draft would give (for the preview), images falling back to the saved template's.</summary>
    public static CertificateDesign Design(CertificateTemplate saved, CertificateTemplateDraft draft)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(draft);
        draft.Normalize();
        var old = saved.Signatories.OrderBy(s => s.Order).ToList();
        var signatories = new List<CertificateSignatoryDesign>();
        for (var i = 0; i < CertificateTemplate.MaxSignatories; i++)
        {
            if (string.IsNullOrWhiteSpace(draft.SignatoryNames[i]) && string.IsNullOrWhiteSpace(draft.SignatoryTitles[i]))
            {
                continue;
            }

            signatories.Add(new CertificateSignatoryDesign(draft.SignatoryTitles[i]?.Trim() ?? "", draft.SignatoryNames[i]?.Trim() ?? "",
                draft.RemoveSignatures[i] ? null : draft.Signatures[i] ?? (i < old.Count ? old[i].SignatureImage : null)));
        }

        return new CertificateDesign(saved.Id, -1, draft.Orientation, draft.Agency, draft.Place, draft.Title, draft.BodyLiquid,
            draft.RemoveEmblem ? null : draft.Emblem ?? saved.EmblemImage, draft.RemoveBackground ? null : draft.Background ?? saved.BackgroundImage, signatories);
    }

    private void CheckImage(byte[]? bytes, string what, List<string> errors)
    {
        if (bytes is null)
        {
            return;
        }

        if (bytes.Length > MaxImageBytes)
        {
            errors.Add(t["Templates.Error.ImageSize", what, MaxImageBytes / 1024]);
            return;
        }

        var png = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var jpeg = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);
        if (!png && !jpeg)
        {
            errors.Add(t["Templates.Error.ImageType", what]);
            return;
        }

        try
        {
            using var image = XImage.FromStream(new MemoryStream(bytes, writable: false));
            _ = image.PixelWidth;
        }
#pragma warning disable CA1031 // Whatever the decoder throws, the answer is "this image cannot be used".
        catch (Exception)
#pragma warning restore CA1031
        {
            errors.Add(t["Templates.Error.ImageUnreadable", what]);
        }
    }
}
