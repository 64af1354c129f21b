using Learning.Certificates.Data;
using Learning.Certificates.Services.Issuing;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Certificates.Pages.Certificates;

/// <summary>The cadre's own certificates: status, download, and the public verification link of each.</summary>
[RequirePermission(Permissions.Names.ViewOwn)]
public sealed class IndexModel(CertificateRegistry registry) : PageModel
{
    public IReadOnlyList<Certificate> Items { get; private set; } = [];

    public CertificateRegistry Registry => registry;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await registry.MineAsync(User.RequiredUserId(), cancellationToken);
}
