using System.Collections.Concurrent;
using Learning.Certificates.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Pdf;

/// <summary>Decoded designs by template id and revision, shared by every request (a saved template has a new revision).</summary>
public sealed class CertificateDesignCache
{
    private readonly ConcurrentDictionary<(int Id, int Revision), CertificateDesign> designs = new();

    public CertificateDesign? Find(int id, int revision) => designs.TryGetValue((id, revision), out var design) ? design : null;

    public void Put(CertificateDesign design)
    {
        if (designs.Count > 500)
        {
            designs.Clear();
        }

        designs[(design.TemplateId, design.Revision)] = design;
    }
}

/// <summary>Which template a certificate uses: the course's, else the path's, else the default (created from the shipped one when missing).</summary>
public sealed class CertificateTemplates(LearningDbContext db, CertificateDesignCache cache, TimeProvider clock)
{
    public async Task<CertificateDesign> ForAsync(int? courseId, int? pathId, CancellationToken cancellationToken)
    {
        var templates = db.Set<CertificateTemplate>().AsNoTracking();
        var candidates = await templates
            .Where(t => (courseId != null && t.CourseId == courseId) || (pathId != null && t.PathId == pathId) || t.IsDefault)
            .Select(t => new { t.Id, t.Revision, t.CourseId, t.PathId, t.IsDefault })
            .ToListAsync(cancellationToken);
        var chosen = candidates.FirstOrDefault(t => courseId != null && t.CourseId == courseId)
            ?? candidates.FirstOrDefault(t => pathId != null && t.PathId == pathId)
            ?? candidates.Where(t => t.IsDefault).OrderBy(t => t.Id).FirstOrDefault();
        if (chosen is null)
        {
            return CertificateDesign.From(await EnsureDefaultAsync(cancellationToken));
        }

        if (cache.Find(chosen.Id, chosen.Revision) is { } cached)
        {
            return cached;
        }

        var template = await templates.Include(t => t.Signatories).SingleAsync(t => t.Id == chosen.Id, cancellationToken);
        var design = CertificateDesign.From(template);
        cache.Put(design);
        return design;
    }

    /// <summary>The default template, created from the shipped one when there is none.</summary>
    public async Task<CertificateTemplate> EnsureDefaultAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Set<CertificateTemplate>().Include(t => t.Signatories).Where(t => t.IsDefault).OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var created = DefaultCertificateTemplate.Create(clock.GetUtcNow().UtcDateTime);
        db.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }
}
