using Learning.Modularity;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>
/// Upload (format found from the content), a preview of what would be imported and of every problem, then either "import
/// every valid question" or "import nothing". The file waits in <see cref="ImportUploads"/> between the two requests.
/// </summary>
[RequirePermission(Permissions.Names.Author)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024)]
public sealed class ImportModel(QuestionBank bank, ImportUploads uploads, IStringLocalizer<QuizzesStrings> t) : PageModel
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public IReadOnlyList<CategoryNode> Categories { get; private set; } = [];

    public int? CategoryId { get; private set; }

    public QuestionImport? Preview { get; private set; }

    public QuestionFileFormat? Format { get; private set; }

    public string? Token { get; private set; }

    public string? FileName { get; private set; }

    public string? Error { get; private set; }

    public ImportOutcome? Outcome { get; private set; }

    public bool Discarded { get; private set; }

    /// <summary>"dòng 12" for line numbers; element paths and cell references as they are.</summary>
    public string PositionText(string position) => int.TryParse(position, out _) ? t["Import.Line", position] : position;

    public string ProblemText(ImportProblem problem) => t[problem.Code, [.. problem.Args]];

    public async Task OnGetAsync(int? category, CancellationToken cancellationToken)
    {
        CategoryId = category;
        Categories = await bank.TreeAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, int? category, CancellationToken cancellationToken)
    {
        CategoryId = category;
        Categories = await bank.TreeAsync(cancellationToken);
        if (file is null || file.Length == 0)
        {
            Error = t["Import.NoFile"];
            return Page();
        }

        if (file.Length > MaxBytes)
        {
            Error = t["Import.TooLarge", MaxBytes / 1024 / 1024];
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        Format = QuestionFiles.Detect(content, file.FileName);
        FileName = Path.GetFileName(file.FileName);
        Preview = QuestionValidator.Apply(QuestionFiles.Read(Format.Value, content));
        if (Preview.Items.Count > 0)
        {
            Token = uploads.Save(User.RequiredUserId(), Format.Value, content);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string? token, int? category, CancellationToken cancellationToken)
    {
        CategoryId = category;
        Categories = await bank.TreeAsync(cancellationToken);
        var userId = User.RequiredUserId();
        if (uploads.Load(userId, token) is not { } upload)
        {
            Error = t["Import.Expired"];
            return Page();
        }

        if (category is not { } target || Categories.All(c => c.Id != target))
        {
            Error = t["Import.ChooseCategory"];
            Format = upload.Format;
            Preview = QuestionValidator.Apply(QuestionFiles.Read(upload.Format, upload.Content));
            Token = token;
            return Page();
        }

        Outcome = await bank.ImportAsync(QuestionFiles.Read(upload.Format, upload.Content), target, onlyValid: true, userId, cancellationToken);
        if (Outcome.Succeeded)
        {
            uploads.Delete(userId, token);
            Categories = await bank.TreeAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAsync(string? token, int? category, CancellationToken cancellationToken)
    {
        uploads.Delete(User.RequiredUserId(), token);
        Discarded = true;
        CategoryId = category;
        Categories = await bank.TreeAsync(cancellationToken);
        return Page();
    }
}
