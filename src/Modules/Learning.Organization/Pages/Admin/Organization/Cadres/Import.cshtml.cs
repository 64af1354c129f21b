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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Result = await importer.ImportAsync(read.Rows, scope, cancellationToken);
        audit.Record(Result.Succeeded ? "organization.cadres.imported" : "organization.cadres.import_rejected", file.FileName,
            Result.Succeeded ? $"rows {Result.Total}, created {Result.Created}, updated {Result.Updated}" : $"rows {Result.Total}, errors {Result.Errors.Count}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Page();
    }
}
