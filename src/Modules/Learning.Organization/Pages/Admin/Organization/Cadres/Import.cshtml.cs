using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Pages.Admin.Organization.Cadres;

[RequirePermission(Permissions.Names.ManageCadres)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
public sealed class ImportModel(
    IOrganizationScopeService scopes,
    CadreCsvReader reader,
    CadreImporter importer,
    IAuditTrail audit,
    LearningDbContext db,
    IStringLocalizer<OrganizationStrings> t) : PageModel
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private IReadOnlyList<int> lines = [];

    public string? FileError { get; private set; }

    public CadreImportResult? Result { get; private set; }

    public int LineOf(int index) => index < lines.Count ? lines[index] : index + 2;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            FileError = t["Import.NoFile"];
            return Page();
        }

        if (file.Length > MaxBytes)
        {
            FileError = t["Import.TooLarge", MaxBytes / (1024 * 1024)];
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var read = reader.Read(stream);
        if (read.FileError is not null)
        {
            FileError = read.FileError;
            return Page();
        }

        lines = read.LineNumbers;
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        Result = await db.InTransactionAsync(async ct =>
        {
            var result = await importer.ImportAsync(read.Rows, scope, ct);
            audit.Record(result.Succeeded ? "organization.cadres.imported" : "organization.cadres.import_rejected", file.FileName,
                result.Succeeded ? $"rows {result.Total}, created {result.Created}, updated {result.Updated}" : $"rows {result.Total}, errors {result.Errors.Count}");
            await db.SaveChangesAsync(ct);
            return result;
        }, cancellationToken);
        return Page();
    }
}
