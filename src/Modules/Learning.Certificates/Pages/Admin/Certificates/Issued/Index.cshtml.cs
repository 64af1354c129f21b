using Learning.Certificates.Data;
using Learning.Certificates.Services.Issuing;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Certificates.Pages.Admin.Certificates.Issued;

/// <summary>The certificates of the cadres in the manager's scope: search by name (marks ignored) or serial, filter by status.</summary>
[RequirePermission(Permissions.Names.Issue)]
public sealed class IndexModel(CertificateRegistry registry) : PageModel
{
    public IReadOnlyList<Certificate> Items { get; private set; } = [];

    public int Total { get; private set; }

    public string? Q { get; private set; }

    public CertificateStatus? Status { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public CertificateRegistry Registry => registry;

    public async Task OnGetAsync(string? q, CertificateStatus? status, int p, CancellationToken cancellationToken)
    {
        (Q, Status, PageNumber) = (q, status, Math.Max(1, p));
        (Items, Total) = await registry.SearchAsync(User, q, status, PageNumber, cancellationToken);
    }
}
