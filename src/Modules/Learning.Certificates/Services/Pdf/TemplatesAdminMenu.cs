using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Certificates.Services.Pdf;

/// <summary>The certificate templates' item in the administration menu.</summary>
internal sealed class TemplatesAdminMenu(IStringLocalizer<CertificatesStrings> t) : IAdminMenuProvider
{
    public IEnumerable<MenuItem> GetItems() => [new(t["Menu.Templates"], "/Admin/Certificates/Templates", Permissions.Templates, 75)];
}
